import { copyFile, rm } from 'node:fs/promises';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { EdgeRules } from './edge-rules.ts';
import { lineOf } from './rule-source.ts';
import { formatRulePath, validateEdgeRules } from './validate-rules.ts';

/** A rules file the edge refuses; `message` has one line per problem, each with file:line and reason. */
export class EdgeRulesError extends Error {
  constructor(readonly problems: string[]) {
    super(problems.join('\n'));
  }
}

const loaded = new Set<string>();
let generation = 0;

/**
 * Imports a module once more even though it was imported before. A query string is not
 * enough: the TypeScript loader serves the first transform of a path again. So a reload
 * imports a copy written beside the file (relative imports still resolve) and removes it.
 */
async function importAfresh(absolute: string): Promise<unknown> {
  if (!loaded.has(absolute)) {
    const module = await import(pathToFileURL(absolute).href);
    loaded.add(absolute);
    return module;
  }
  // same extension: a built edge reloads its compiled rules (edge.js) without a TypeScript loader
  const extension = path.extname(absolute);
  const copy = path.join(path.dirname(absolute), `.${path.basename(absolute, extension)}.reload-${process.pid}-${++generation}${extension}`);
  await copyFile(absolute, copy);
  try {
    return await import(pathToFileURL(copy).href);
  } finally {
    await rm(copy, { force: true });
  }
}

/**
 * Imports a rules file (afresh on a reload, so SIGHUP sees the edited file) and validates
 * it. Modules the rules file itself imports stay as first loaded.
 */
export async function loadEdgeRules(file: string): Promise<EdgeRules> {
  const absolute = path.resolve(file);
  const relative = path.relative(process.cwd(), absolute);
  let exported: unknown;
  try {
    exported = ((await importAfresh(absolute)) as { default?: unknown }).default;
  } catch (error) {
    // esbuild's message is a header line and then file:line:column: reason; keep both, drop the code frame
    const detail = (error as Error).message.split('\n').filter((line) => line.trim()).slice(0, 2).join(' ');
    throw new EdgeRulesError([`${relative}: cannot be loaded: ${detail}`]);
  }
  if (exported === undefined) throw new EdgeRulesError([`${relative}: has no default export (export default defineEdgeRules({...}))`]);
  await assertValidRules(exported, absolute);
  return exported as EdgeRules;
}

/** Throws an EdgeRulesError naming each problem, with its line when `file` is the source. */
async function assertValidRules(rules: unknown, file?: string): Promise<void> {
  const problems = validateEdgeRules(rules);
  if (problems.length === 0) return;
  const relative = file && path.relative(process.cwd(), file);
  const lines = await Promise.all(
    problems.map(async (problem) => {
      const line = file ? await lineOf(file, problem.path).catch(() => undefined) : undefined;
      const where = relative ? `${relative}${line ? `:${line}` : ''} ` : '';
      return `${where}${formatRulePath(problem.path) || '(rules)'}: ${problem.message}`;
    }),
  );
  throw new EdgeRulesError(lines);
}
