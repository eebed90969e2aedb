import { HTTP_METHODS } from './edge-rules.ts';

/** One thing wrong in a rules file: where (path into the rules object) and why. */
export interface RuleProblem {
  path: Array<string | number>;
  message: string;
}

export type Path = Array<string | number>;
export type Obj = Record<string, unknown>;
export const NAME = /^[a-z][a-z0-9-]*$/;
/** An RFC 9110 token: what a header or cookie name may be. */
export const TOKEN = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/;
export const isObject = (value: unknown): value is Obj => typeof value === 'object' && value !== null && !Array.isArray(value);

/** Collects the problems of one rules value, with the checks every section is made of. */
export class RuleChecker {
  readonly problems: RuleProblem[] = [];

  fail(path: Path, message: string): void {
    this.problems.push({ path, message });
  }

  object(v: unknown, path: Path, required: string[], optional: string[] = []): v is Obj {
    if (!isObject(v)) {
      this.fail(path, 'must be an object');
      return false;
    }
    for (const key of required) if (v[key] === undefined) this.fail([...path, key], 'is required');
    for (const key of Object.keys(v)) {
      if (!required.includes(key) && !optional.includes(key)) this.fail([...path, key], `is not a known setting (expected ${[...required, ...optional].join(', ')})`);
    }
    return true;
  }

  array(v: unknown, path: Path): v is unknown[] {
    if (Array.isArray(v)) return true;
    this.fail(path, 'must be a list');
    return false;
  }

  integer(v: unknown, path: Path, min: number, max = Number.MAX_SAFE_INTEGER): void {
    if (typeof v !== 'number' || !Number.isInteger(v) || v < min || v > max) this.fail(path, `must be an integer from ${min}${max === Number.MAX_SAFE_INTEGER ? '' : ` to ${max}`}`);
  }

  string(v: unknown, path: Path, pattern?: RegExp, what?: string): v is string {
    if (typeof v !== 'string' || v === '') {
      this.fail(path, 'must be a non-empty string');
      return false;
    }
    if (pattern && !pattern.test(v)) {
      this.fail(path, `${JSON.stringify(v)} is not ${what}`);
      return false;
    }
    return true;
  }

  regex(v: unknown, path: Path): number {
    if (!this.string(v, path)) return 0;
    try {
      // groups counted by matching the empty alternative: one array slot per group
      return new RegExp(`${v}|`).exec('')!.length - 1;
    } catch (error) {
      this.fail(path, `is not a valid regular expression: ${(error as Error).message}`);
      return 0;
    }
  }

  valueMatch(v: unknown, path: Path): void {
    if (!this.object(v, path, ['name'], ['equals', 'pattern'])) return;
    this.string(v.name, [...path, 'name']);
    if (v.equals !== undefined && v.pattern !== undefined) this.fail(path, 'give equals or pattern, not both');
    if (v.equals !== undefined && typeof v.equals !== 'string') this.fail([...path, 'equals'], 'must be a string');
    if (v.pattern !== undefined) this.regex(v.pattern, [...path, 'pattern']);
  }

  /** Returns how many capture groups the match's pathPattern has, for redirect $n checks. */
  match(v: unknown, path: Path): number {
    if (!this.object(v, path, [], ['pathPrefix', 'pathPattern', 'host', 'methods', 'header', 'cookie', 'query'])) return 0;
    let groups = 0;
    if (v.pathPrefix !== undefined) this.string(v.pathPrefix, [...path, 'pathPrefix'], /^\/[^?#\s]*$/, 'a path starting with / (no query)');
    if (v.pathPattern !== undefined) groups = this.regex(v.pathPattern, [...path, 'pathPattern']);
    if (v.host !== undefined) this.string(v.host, [...path, 'host'], /^[a-z0-9.-]+$/, 'a lower-case host name without port');
    if (v.methods !== undefined && this.array(v.methods, [...path, 'methods'])) {
      if (v.methods.length === 0) this.fail([...path, 'methods'], 'must name at least one method (omit it to match every method)');
      v.methods.forEach((m, i) => {
        // extension methods (WebDAV's, QUERY …) are routed like the standard ones
        if (typeof m !== 'string' || !TOKEN.test(m)) this.fail([...path, 'methods', i], `${JSON.stringify(m)} is not a method token (RFC 9110 §9.1), e.g. ${HTTP_METHODS.join(', ')} or PROPFIND`);
      });
    }
    for (const key of ['header', 'cookie', 'query'] as const) if (v[key] !== undefined) this.valueMatch(v[key], [...path, key]);
    return groups;
  }

  names(list: unknown[], path: Path): Set<string> {
    const seen = new Set<string>();
    list.forEach((item, i) => {
      if (!isObject(item)) return;
      if (this.string(item.name, [...path, i, 'name'], NAME, 'a lower-case name (a-z, 0-9, -)')) {
        if (seen.has(item.name as string)) this.fail([...path, i, 'name'], `${JSON.stringify(item.name)} is used twice`);
        seen.add(item.name as string);
      }
    });
    return seen;
  }
}
