import { Ajv2020, type ErrorObject } from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import { BANNER_SCHEMA, type Banner, type BannerDocument } from './banner-document.ts';

/** One thing wrong with a document, at the JSON path it is about (`$.banners[2].alt.en`). */
export interface DocumentError {
  path: string;
  message: string;
}

export type DocumentCheck = { ok: true; document: BannerDocument } | { ok: false; errors: DocumentError[] };

/**
 * Ajv (with ajv-formats for `date-time` and `uri`) rather than hand-written checks: it is
 * the JSON Schema validator the Fastify stack already runs, it implements draft 2020-12 as
 * published, and with `allErrors` it reports every violation in one pass, each with the
 * instance path the editor needs.
 */
const ajv = new Ajv2020({ allErrors: true, strict: true });
addFormats(ajv, ['date-time', 'uri']);
const validate = ajv.compile<BannerDocument>(BANNER_SCHEMA);

/** `/banners/0/alt` → `$.banners[0].alt` */
function jsonPath(pointer: string): string {
  return pointer
    .split('/')
    .slice(1)
    .map((token) => token.replace(/~1/g, '/').replace(/~0/g, '~'))
    .reduce((path, token) => (/^\d+$/.test(token) ? `${path}[${token}]` : /^[A-Za-z_$][\w$]*$/.test(token) ? `${path}.${token}` : `${path}[${JSON.stringify(token)}]`), '$');
}

/** What a failed `anyOf` means, said once instead of one line per alternative. */
const EITHER: Record<string, string> = {
  image: "must be an uploaded image's key (owner/hash-WIDTHxHEIGHT.jpg or .png) or an https:// URL",
  link: 'must be a path on this site (starting with one /) or an https:// URL',
};

function messageOf(error: ErrorObject): DocumentError {
  const path = jsonPath(error.instancePath);
  switch (error.keyword) {
    case 'required':
      return { path: `${path}.${error.params.missingProperty}`, message: 'is required' };
    case 'additionalProperties':
      return { path: `${path}.${error.params.additionalProperty}`, message: 'is not a field of the banner document' };
    case 'anyOf':
      return { path, message: EITHER[error.instancePath.split('/').pop() ?? ''] ?? 'matches none of the allowed forms' };
    case 'enum':
      return { path, message: `must be one of ${(error.params.allowedValues as unknown[]).map((v) => JSON.stringify(v)).join(', ')}` };
    case 'format':
      return { path, message: error.params.format === 'date-time' ? 'must be an ISO 8601 date and time with its offset, e.g. 2027-04-01T00:00:00+09:00' : `must be a valid ${error.params.format}` };
    default:
      return { path, message: error.message ?? 'is invalid' };
  }
}

/**
 * Ajv's errors, one per problem: the failures of a failed anyOf's alternatives (each
 * reached through a $ref, so found by the value they are about) are folded into it.
 */
function schemaErrors(errors: ErrorObject[]): DocumentError[] {
  const eitherAt = new Set(errors.filter((e) => e.keyword === 'anyOf').map((e) => e.instancePath));
  const kept = errors.filter((e) => e.keyword === 'anyOf' || !eitherAt.has(e.instancePath));
  const seen = new Set<string>();
  return kept.map(messageOf).filter((e) => {
    const key = `${e.path} ${e.message}`;
    return seen.has(key) ? false : (seen.add(key), true);
  });
}

/**
 * Rules JSON Schema cannot say: ids unique in the document, each banner ending after it
 * starts, areas that exist. They read the value defensively, so a document that also
 * breaks the schema still gets these errors in the same answer.
 */
function documentRules(value: unknown, knownAreas?: ReadonlySet<string>): DocumentError[] {
  const banners = (value as { banners?: unknown } | null)?.banners;
  if (!Array.isArray(banners)) return [];
  const errors: DocumentError[] = [];
  const firstIndex = new Map<string, number>();
  banners.forEach((item: unknown, i) => {
    if (typeof item !== 'object' || item === null) return;
    const banner = item as Partial<Record<keyof Banner, unknown>>;
    const at = `$.banners[${i}]`;
    if (typeof banner.id === 'string') {
      const first = firstIndex.get(banner.id);
      if (first !== undefined) errors.push({ path: `${at}.id`, message: `repeats the id of $.banners[${first}]` });
      else firstIndex.set(banner.id, i);
    }
    const [start, end] = [banner.start, banner.end].map((t) => (typeof t === 'string' ? Date.parse(t) : NaN));
    if (start! >= end!) errors.push({ path: `${at}.end`, message: 'must be after start' });
    const areas = (banner.target as { areas?: unknown } | undefined)?.areas;
    if (knownAreas && Array.isArray(areas)) {
      areas.forEach((area: unknown, j) => {
        if (typeof area === 'string' && !knownAreas.has(area)) errors.push({ path: `${at}.target.areas[${j}]`, message: `is not an area of the site (${[...knownAreas].join(', ')})` });
      });
    }
  });
  return errors;
}

/**
 * Checks a document's text: JSON, then the schema, then the rules across banners. Every
 * error is reported at once; a document with any error is never published, not even in part.
 */
export function checkBannerDocument(text: string, options: { knownAreas?: ReadonlySet<string> } = {}): DocumentCheck {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    return { ok: false, errors: [{ path: '$', message: `is not JSON: ${(error as Error).message}` }] };
  }
  const valid = validate(value);
  const errors = [...(valid ? [] : schemaErrors(validate.errors ?? [])), ...documentRules(value, options.knownAreas)];
  return valid && errors.length === 0 ? { ok: true, document: value as BannerDocument } : { ok: false, errors };
}
