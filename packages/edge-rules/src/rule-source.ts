import { readFile } from 'node:fs/promises';
import type { Node } from 'typescript';

/**
 * Finds the line in a rules file that a problem path points at, by walking the object
 * literal passed to `defineEdgeRules(...)` with the TypeScript parser, following shared
 * constants (`app`, `canary`) and spreads to where a value is written, so the line is the
 * one a reviewer would edit; it stops at the deepest node it can follow (e.g. a value
 * computed by a call). Returns undefined when the parser is not
 * installed (production images may omit dev dependencies) or the file has another shape.
 */
export async function lineOf(file: string, path: Array<string | number>): Promise<number | undefined> {
  let ts: typeof import('typescript');
  try {
    ts = (await import('typescript')).default;
  } catch {
    return undefined;
  }
  const text = await readFile(file, 'utf8');
  const source = ts.createSourceFile(file, text, ts.ScriptTarget.ES2022, true);
  let root: Node | undefined;
  const find = (node: Node) => {
    if (root) return;
    if (ts.isCallExpression(node) && node.expression.getText(source) === 'defineEdgeRules' && node.arguments[0]) root = node.arguments[0];
    else ts.forEachChild(node, find);
  };
  find(source);
  if (!root) return undefined;

  // shared constants (`const app: BackendRule = {...}`) are followed to where they are written
  const constants = new Map<string, Node>();
  for (const statement of source.statements) {
    if (!ts.isVariableStatement(statement)) continue;
    for (const declaration of statement.declarationList.declarations) {
      if (ts.isIdentifier(declaration.name) && declaration.initializer) constants.set(declaration.name.text, declaration.initializer);
    }
  }
  const resolve = (node: Node): Node => {
    let current = node;
    for (let hops = 0; hops < 10; hops++) {
      if (ts.isIdentifier(current) && constants.has(current.text)) current = constants.get(current.text)!;
      else if (ts.isAsExpression(current) || ts.isSatisfiesExpression(current) || ts.isParenthesizedExpression(current)) current = current.expression;
      else return current;
    }
    return current;
  };

  let node: Node = root;
  for (const part of path) {
    const next = typeof part === 'number' ? elementAt(ts, resolve(node), part) : propertyOf(ts, resolve(node), part, source, resolve);
    if (!next) break;
    node = next;
  }
  return source.getLineAndCharacterOfPosition(node.getStart(source)).line + 1;
}

function propertyOf(ts: typeof import('typescript'), node: Node, name: string, source: import('typescript').SourceFile, resolve: (node: Node) => Node): Node | undefined {
  if (!ts.isObjectLiteralExpression(node)) return undefined;
  // the last writer wins, as at run time: an explicit property after a spread overrides it
  for (const property of [...node.properties].reverse()) {
    if (ts.isSpreadAssignment(property)) {
      const spread = propertyOf(ts, resolve(property.expression), name, source, resolve);
      if (spread) return spread;
      continue;
    }
    const key = property.name && (ts.isIdentifier(property.name) || ts.isStringLiteral(property.name) ? property.name.text : property.name.getText(source));
    if (key !== name) continue;
    if (ts.isPropertyAssignment(property)) return property.initializer;
    return property;
  }
  return undefined;
}

function elementAt(ts: typeof import('typescript'), node: Node, index: number) {
  if (!ts.isArrayLiteralExpression(node)) return undefined;
  // a spread hides how many elements come before the ones after it
  const spreadBefore = node.elements.slice(0, index + 1).some((element) => ts.isSpreadElement(element));
  return spreadBefore ? undefined : node.elements[index];
}
