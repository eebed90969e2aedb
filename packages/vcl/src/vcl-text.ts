/**
 * Turning rule values into VCL source text. VCL string literals have no escapes: "…" may
 * not hold a double quote or a line break, {"…"} may not hold `"}`. Regexes reach PCRE2
 * as written, so anything a literal cannot hold is spelled as a PCRE escape instead.
 */

/** Thrown for a value no VCL literal can carry (the compiler turns it into a refusal naming the rule). */
export class VclLiteralError extends Error {}

const PLAIN_STRING = /^[^"\x00-\x1f\x7f]*$/;

/**
 * A string expression with exactly this text: "…" when possible, otherwise {"…"} long
 * strings (joined with + around any `"}`), which may span lines.
 */
export function vclString(text: string): string {
  if (text.includes('\0')) throw new VclLiteralError('contains a NUL character');
  if (PLAIN_STRING.test(text)) return `"${text}"`;
  if (!text.includes('"}')) return `{"${text}"}`;
  // split before every '}' that follows a quote: no piece then contains `"}`
  return text
    .split(/(?<=")(?=\})/)
    .map((piece) => `{"${piece}"}`)
    .join(' + ');
}

/** A string literal that must be one token (backend hosts, probe URLs, ACL entries): refused when it cannot be. */
export function vclConstant(text: string, what: string): string {
  if (!PLAIN_STRING.test(text)) throw new VclLiteralError(`${what} ${JSON.stringify(text)} cannot be a VCL string literal`);
  return `"${text}"`;
}

const hex = (char: string) => `\\x{${char.codePointAt(0)!.toString(16)}}`;

/**
 * A regex literal for `~` / regsub: the author's pattern with every double quote and control
 * character written as a PCRE \x{..} escape, so it stays one "…" token with the same meaning.
 * JavaScript-only syntax that PCRE2 reads differently is refused.
 */
export function vclRegex(pattern: string): string {
  if (/\\u[0-9a-fA-F{]/.test(pattern)) throw new VclLiteralError(`regex ${JSON.stringify(pattern)} uses \\u escapes, which PCRE2 does not read as JavaScript does`);
  if (/\\c/.test(pattern)) throw new VclLiteralError(`regex ${JSON.stringify(pattern)} uses \\c control escapes`);
  let out = '';
  for (let i = 0; i < pattern.length; i++) {
    const char = pattern[i]!;
    if (char === '\\' && i + 1 < pattern.length) {
      const next = pattern[i + 1]!;
      out += next === '"' || /[\x00-\x1f\x7f]/.test(next) ? hex(next) : `\\${next}`;
      i++;
    } else if (char === '"' || /[\x00-\x1f\x7f]/.test(char)) {
      out += hex(char);
    } else {
      out += char;
    }
  }
  return `"${out}"`;
}

/** The text as a regex matching itself literally (for prefixes, names and values). */
export function escapeRegex(text: string): string {
  return text.replace(/[\\^$.*+?()[\]{}|/]/g, '\\$&');
}

/** A VCL DURATION literal. */
export const duration = (ms: number) => (Number.isInteger(ms / 1000) ? `${ms / 1000}s` : `${ms}ms`);

// VCL header names are identifiers: letters, digits, '-' and '_' (RFC 9110 tokens allow more)
const HEADER_NAME = /^[A-Za-z][A-Za-z0-9_-]*$/;

/** `req.http.<name>` and friends need the name as an identifier. */
export function headerName(name: string): string {
  if (!HEADER_NAME.test(name)) throw new VclLiteralError(`header name ${JSON.stringify(name)} is not a VCL identifier (letters, digits, '-', '_')`);
  return name;
}

/** A VCL identifier derived from a rule name (backends and directors), unique within `taken`. */
export function identifier(prefix: string, name: string, taken: Set<string>): string {
  const base = `${prefix}_${name.replace(/[^A-Za-z0-9]/g, '_')}`;
  let candidate = base;
  for (let n = 2; taken.has(candidate); n++) candidate = `${base}_${n}`;
  taken.add(candidate);
  return candidate;
}

/** Lines of VCL with two-space indentation. */
export class VclWriter {
  #lines: string[] = [];
  #depth = 0;

  line(text = ''): this {
    this.#lines.push(text === '' ? '' : `${'  '.repeat(this.#depth)}${text}`);
    return this;
  }

  /** `head {`, the body indented, `}`. */
  block(head: string, body: () => void): this {
    this.line(`${head} {`);
    this.#depth++;
    body();
    this.#depth--;
    return this.line('}');
  }

  /** if / elsif / else over (condition, body) pairs; `otherwise` runs when none held. */
  chain(branches: Array<[string, () => void]>, otherwise?: () => void): this {
    branches.forEach(([condition, body], i) => {
      const head = `${i === 0 ? 'if' : '} elsif'} (${condition}) {`;
      this.line(head);
      this.#depth++;
      body();
      this.#depth--;
    });
    if (otherwise) {
      if (branches.length === 0) {
        otherwise();
        return this;
      }
      this.line('} else {');
      this.#depth++;
      otherwise();
      this.#depth--;
    }
    if (branches.length > 0) this.line('}');
    return this;
  }

  toString(): string {
    return `${this.#lines.join('\n')}\n`;
  }
}
