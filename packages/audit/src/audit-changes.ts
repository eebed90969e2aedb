/** One field an audited action changed, at a dotted path such as `environments.production.percent`. */
export interface AuditChange {
  path: string;
  change: 'added' | 'removed' | 'changed';
  before?: unknown;
  after?: unknown;
}

/** A value an entry records without a before and after, such as a cancellation's reason. */
export interface AuditFact {
  path: string;
  value: unknown;
}

const isObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);
const join = (path: string, key: string) => (path ? `${path}.${key}` : key);

function diffInto(path: string, beforeValue: unknown, afterValue: unknown, out: AuditChange[]): void {
  // a record added or removed whole shows field by field, like one edited
  const before = beforeValue === undefined && isObject(afterValue) ? {} : beforeValue;
  const after = afterValue === undefined && isObject(beforeValue) ? {} : afterValue;
  if (isObject(before) && isObject(after)) {
    for (const key of new Set([...Object.keys(before), ...Object.keys(after)])) diffInto(join(path, key), before[key], after[key], out);
  } else if (before === undefined && after !== undefined) {
    out.push({ path, change: 'added', after });
  } else if (after === undefined && before !== undefined) {
    out.push({ path, change: 'removed', before });
  } else if (JSON.stringify(before) !== JSON.stringify(after)) {
    out.push({ path, change: 'changed', before, after });
  }
}

/** Field by field (a list counts as one value, so reordering one shows as one change). */
export function diffValues(before: unknown, after: unknown): AuditChange[] {
  const out: AuditChange[] = [];
  diffInto('', before, after, out);
  return out;
}

/** Leaves of an object with their dotted paths; anything else (a list too) is one leaf at `path`. */
function flatten(path: string, value: unknown, out: AuditFact[]): void {
  if (isObject(value) && Object.keys(value).length > 0) for (const [key, inner] of Object.entries(value)) flatten(join(path, key), inner, out);
  else out.push({ path, value });
}

/** A stored diff entry from a module that wrote its own (flags, banners); `change` is inferred when it left it out. */
function storedChange(entry: unknown): AuditChange | undefined {
  if (!isObject(entry) || typeof entry.path !== 'string') return undefined;
  const change = entry.change === 'added' || entry.change === 'removed' || entry.change === 'changed'
    ? entry.change
    : entry.before === undefined ? 'added' : entry.after === undefined ? 'removed' : 'changed';
  return { path: entry.path, change, ...('before' in entry ? { before: entry.before } : {}), ...('after' in entry ? { after: entry.after } : {}) };
}

/**
 * What an audit entry's detail says, in two lists whatever shape its module wrote: the
 * changes (a stored `diff`, or `before`/`after` compared here, or a created or deleted
 * record's fields) and the remaining facts, each a leaf at its dotted path.
 */
export function describeDetail(detail: Record<string, unknown> | undefined): { changes: AuditChange[]; facts: AuditFact[] } {
  const { diff, before, after, ...rest } = detail ?? {};
  const changes: AuditChange[] = [];
  const facts: AuditFact[] = [];
  if (Array.isArray(diff)) {
    for (const entry of diff) {
      const change = storedChange(entry);
      if (change) changes.push(change);
    }
  } else if (diff !== undefined) {
    rest.diff = diff;
  }
  if (before !== undefined || after !== undefined) {
    const side = (value: unknown) => (value === undefined || isObject(value) ? value : { value });
    changes.push(...diffValues(side(before), side(after)));
  }
  for (const [key, value] of Object.entries(rest)) flatten(key, value, facts);
  return { changes, facts };
}
