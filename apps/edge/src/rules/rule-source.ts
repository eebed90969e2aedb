import { readFile } from 'node:fs/promises';

/**
 * Finds the line in a rules file that a problem path points at, by walking the object
 * literal passed to `defineEdgeRules(...)` with the TypeScript parser. The walk stops at
 * the deepest node it can follow (a shared constant such as `app` or a spread), so the
 * line is the one a reviewer would edit. Returns undefined when the parser is not
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
  let root: import('typescript').Node | undefined;
  const find = (node: import('typescript').Node) => {
    if (root) return;
    if (ts.isCallExpression(node) && node.expression.getText(source) === 'defineEdgeRules' && node.arguments[0]) root = node.arguments[0];
    else ts.forEachChild(node, find);
  };
  find(source);
  if (!root) return undefined;

  let node = root;
  for (const part of path) {
    const next = typeof part === 'number' ? elementAt(ts, node, part) : propertyOf(ts, node, part, source);
    if (!next) break;
    node = next;
  }
  return source.getLineAndCharacterOfPosition(node.getStart(source)).line + 1;
}

function propertyOf(ts: typeof import('typescript'), node: import('typescript').Node, name: string, source: import('typescript').SourceFile) {
  if (!ts.isObjectLiteralExpression(node)) return undefined;
  for (const property of node.properties) {
    const key = property.name && (ts.isIdentifier(property.name) || ts.isStringLiteral(property.name) ? property.name.text : property.name.getText(source));
    if (key !== name) continue;
    if (ts.isPropertyAssignment(property)) return property.initializer;
    return property;
  }
  return undefined;
}

function elementAt(ts: typeof import('typescript'), node: import('typescript').Node, index: number) {
  if (!ts.isArrayLiteralExpression(node)) return undefined;
  // a spread hides how many elements come before the ones after it
  const spreadBefore = node.elements.slice(0, index + 1).some((element) => ts.isSpreadElement(element));
  return spreadBefore ? undefined : node.elements[index];
}
