import type { Banner, BannerDocument } from '../document/banner-document.ts';

/** One difference between two documents, at a path that names banners by id: `banners[spring-sale].caption.en`. */
export interface DiffEntry {
  path: string;
  change: 'added' | 'removed' | 'changed';
  before?: unknown;
  after?: unknown;
}

const isObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

function diffValues(path: string, before: unknown, after: unknown, out: DiffEntry[]): void {
  if (isObject(before) && isObject(after)) {
    for (const key of new Set([...Object.keys(before), ...Object.keys(after)])) {
      const at = `${path}.${key}`;
      if (!(key in after)) out.push({ path: at, change: 'removed', before: before[key] });
      else if (!(key in before)) out.push({ path: at, change: 'added', after: after[key] });
      else diffValues(at, before[key], after[key], out);
    }
  } else if (JSON.stringify(before) !== JSON.stringify(after)) {
    out.push({ path, change: 'changed', before, after });
  }
}

/**
 * What changed from one document to another, banner by banner (matched by id, so moving a
 * banner in the list is no change), field by field. Empty when they mean the same.
 */
export function diffDocuments(before: BannerDocument, after: BannerDocument): DiffEntry[] {
  const out: DiffEntry[] = [];
  const byId = (document: BannerDocument) => new Map<string, Banner>(document.banners.map((banner) => [banner.id, banner]));
  const [old, next] = [byId(before), byId(after)];
  for (const [id, banner] of old) {
    const path = `banners[${id}]`;
    const other = next.get(id);
    if (!other) out.push({ path, change: 'removed', before: banner });
    else diffValues(path, banner, other, out);
  }
  for (const [id, banner] of next) if (!old.has(id)) out.push({ path: `banners[${id}]`, change: 'added', after: banner });
  return out;
}
