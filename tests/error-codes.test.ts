import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { before, describe, it } from 'node:test';
import { fileURLToPath, pathToFileURL } from 'node:url';

// In the manner of Fastify's test/internals/errors.test.js: the codes API clients branch on
// are declared once per package, and the sources are held to those declarations both ways.
// The compiler already refuses an undeclared code where an `ErrorCode` is typed; this also
// catches what it cannot see: a code declared but never thrown, a cast, an untyped `code:`,
// and keeps docs/errors.md, the list API clients read, complete.

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const DEFINITION = 'packages/platform/src/errors/error-codes.ts';
const CODE = String.raw`[A-Z][A-Z0-9]*(?:_[A-Z0-9]+)+|[A-Z]{4,}`;

// where a code is thrown or handed on: the helpers' code argument, DomainError's second
// argument (also through `super`), and a `code:` property or `code =` field (not a variable)
const THROW_SITES = [
  String.raw`\b(?:invalid|notFound|conflict|throwIfAny)\(\s*'(${CODE})'`,
  String.raw`\b(?:new\s+\w+|super)\(\s*'[a-z_]+'\s*,\s*'(${CODE})'`,
  String.raw`(?<!\b(?:let|const|var)\s+)\bcode\s*(?::|=(?!=))\s*'(${CODE})'`,
].map((site) => new RegExp(site, 'g'));

// test code may declare codes of its own to throw; it is not what clients see
const isTestCode = (file: string) => /\.(?:test|contract)\.ts$/.test(file) || /\/(?:testing|test)\//.test(file);

function sourcesUnder(dir: string): string[] {
  return readdirSync(path.join(ROOT, dir), { withFileTypes: true, recursive: true })
    .filter((entry) => entry.isFile() && entry.name.endsWith('.ts'))
    .map((entry) => path.relative(ROOT, path.join(entry.parentPath, entry.name)))
    .filter((file) => !file.includes('node_modules') && !isTestCode(file));
}

const sources = ['packages', 'apps']
  .flatMap((dir) => readdirSync(path.join(ROOT, dir)).map((workspace) => `${dir}/${workspace}/src`))
  .flatMap(sourcesUnder)
  .map((file) => ({ file, text: readFileSync(path.join(ROOT, file), 'utf8') }));

interface Declaration {
  file: string;
  name: string;
  codes: string[];
}

describe('error codes', () => {
  const declarations: Declaration[] = [];

  before(async () => {
    for (const { file, text } of sources) {
      if (file === DEFINITION || !/\bdefineErrorCodes\(/.test(text)) continue;
      const exports = Object.entries(await import(pathToFileURL(path.join(ROOT, file)).href));
      assert.equal(exports.length, 1, `${file} exports only its codes`);
      const [name, codes] = exports[0]!;
      declarations.push({ file, name, codes: Object.values(codes as Record<string, string>) });
    }
  });

  it('are declared in one *-errors.ts per workspace', () => {
    assert.ok(declarations.length > 0);
    const workspaces = declarations.map(({ file }) => file.split('/').slice(0, 2).join('/'));
    assert.deepEqual(workspaces.filter((w, i) => workspaces.indexOf(w) !== i), [], 'workspaces with more than one declaration');
    for (const { file } of declarations) assert.match(file, /\/[a-z-]+-errors\.ts$/);
  });

  it('look like codes and are unique across the repository', () => {
    const all = declarations.flatMap(({ codes }) => codes);
    assert.deepEqual(all.filter((code) => !new RegExp(`^(?:${CODE})$`).test(code)), [], 'codes not in UPPER_SNAKE_CASE');
    assert.deepEqual(all.filter((code, i) => all.indexOf(code) !== i), [], 'codes declared twice');
  });

  it('are each used outside their declaration', () => {
    const unused = declarations.flatMap(({ file, name, codes }) =>
      codes
        .filter((code) => !sources.some((source) => source.file !== file && new RegExp(String.raw`\b${name}\.${code}\b`).test(source.text)))
        .map((code) => `${name}.${code} (${file})`),
    );
    assert.deepEqual(unused, [], 'declared but never thrown: remove them, or throw them');
  });

  it('are each listed once in docs/errors.md, which lists no other', () => {
    const listed = [...readFileSync(path.join(ROOT, 'docs/errors.md'), 'utf8').matchAll(/^\| `([A-Z0-9_]+)` \|/gm)].map((row) => row[1]);
    assert.deepEqual(listed.filter((code, i) => listed.indexOf(code) !== i), [], 'listed twice');
    assert.deepEqual([...listed].sort(), declarations.flatMap(({ codes }) => codes).sort());
  });

  it('are never thrown as literals', () => {
    const literals = sources.flatMap(({ file, text }) =>
      THROW_SITES.flatMap((site) => [...text.matchAll(site)].map((match) => `'${match[1]}' in ${file}`)),
    );
    assert.deepEqual(literals, [], 'use the declared constant, e.g. CatalogErrors.SOLD_OUT; declare a new code in its package *-errors.ts');
  });

  it('are never forged with a cast', () => {
    const casts = sources.filter(({ file, text }) => file !== DEFINITION && /\bas\s+ErrorCode\b/.test(text)).map(({ file }) => file);
    assert.deepEqual(casts, []);
  });
});
