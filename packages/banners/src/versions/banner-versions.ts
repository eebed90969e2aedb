import { sql } from 'kysely';
import { recordAudit } from '@hatago/audit';
import { type Executor, tablesOf } from '@hatago/db';
import { invalid, notFound } from '@hatago/platform/errors';
import { BannerChanges } from '../banner-changes.ts';
import { BannersErrors } from '../banners-errors.ts';
import type { BannersTables } from '../banners-tables.ts';
import { type BannerDocument, EMPTY_DOCUMENT_TEXT } from '../document/banner-document.ts';
import { checkBannerDocument } from '../document/validate-document.ts';
import { type DiffEntry, diffDocuments } from './document-diff.ts';

export interface BannerVersion {
  version: number;
  /** The document byte for byte as published. */
  text: string;
  publishedAt: Date;
  actor: { id: number; name: string };
  restoredFrom: number | null;
}

export interface PublishAction {
  actor: { id: number; name: string };
  requestId: string;
}

export interface BannersContext {
  db: Executor;
  /** Tells every instance (and through them the edge) once the version is committed. */
  changes: BannerChanges;
}

const toVersion = (row: { id: unknown; document: string; published_at: Date; actor_id: unknown; actor_name: string; restored_from: unknown }): BannerVersion => ({
  version: Number(row.id),
  text: row.document,
  publishedAt: row.published_at,
  actor: { id: Number(row.actor_id), name: row.actor_name },
  restoredFrom: row.restored_from === null ? null : Number(row.restored_from),
});

/** The live version, or undefined before the first publish (the site then shows no banners). */
export async function liveVersion(db: Executor): Promise<BannerVersion | undefined> {
  const row = await tablesOf<BannersTables>(db).selectFrom('banner_versions').selectAll().orderBy('id', 'desc').limit(1).executeTakeFirst();
  return row ? toVersion(row) : undefined;
}

export async function getBannerVersion(db: Executor, version: number): Promise<BannerVersion> {
  const row = await tablesOf<BannersTables>(db).selectFrom('banner_versions').selectAll().where('id', '=', version).executeTakeFirst();
  if (!row) throw notFound(BannersErrors.BANNER_VERSION_NOT_FOUND, `No banner version ${version}`);
  return toVersion(row);
}

export async function listBannerVersions(db: Executor, options: { limit: number } = { limit: 50 }): Promise<BannerVersion[]> {
  const rows = await tablesOf<BannersTables>(db).selectFrom('banner_versions').selectAll().orderBy('id', 'desc').limit(options.limit).execute();
  return rows.map(toVersion);
}

/** Versions' documents parse: each was checked before it was stored. */
const parsed = (text: string) => JSON.parse(text) as BannerDocument;

export async function diffBannerVersions(db: Executor, from: number, to: number): Promise<DiffEntry[]> {
  const [a, b] = await Promise.all([getBannerVersion(db, from), getBannerVersion(db, to)]);
  return diffDocuments(parsed(a.text), parsed(b.text));
}

/** Throws every error of a document at once, each with its JSON path as the field; returns the document otherwise. */
export function requireValidDocument(text: string, knownAreas?: ReadonlySet<string>): BannerDocument {
  const check = checkBannerDocument(text, knownAreas ? { knownAreas } : {});
  if (!check.ok) throw invalid(BannersErrors.INVALID_BANNER_DOCUMENT, check.errors.map((e) => ({ field: e.path, message: e.message })), 'The banner document has errors');
  return check.document;
}

/**
 * Appends a version and its audit entry (who, and the diff from the live version) in one
 * transaction, serialised so two publishes cannot both diff against the same predecessor;
 * then announces it.
 */
async function appendVersion(context: BannersContext, text: string, action: PublishAction, restoredFrom: number | null): Promise<BannerVersion> {
  const version = await context.db.transaction().execute(async (trx) => {
    await sql`lock table banner_versions in exclusive mode`.execute(trx);
    const previous = await liveVersion(trx);
    const row = await tablesOf<BannersTables>(trx)
      .insertInto('banner_versions')
      .values({ document: text, actor_id: action.actor.id, actor_name: action.actor.name, request_id: action.requestId, restored_from: restoredFrom })
      .returningAll()
      .executeTakeFirstOrThrow();
    const published = toVersion(row);
    await recordAudit(trx, {
      actor: { kind: 'operator', ...action.actor },
      action: restoredFrom === null ? 'banners.publish' : 'banners.rollback',
      target: { type: 'banner_version', id: String(published.version) },
      detail: {
        ...(previous ? { previous: previous.version } : {}),
        ...(restoredFrom !== null ? { restoredFrom } : {}),
        diff: diffDocuments(parsed(previous?.text ?? EMPTY_DOCUMENT_TEXT), parsed(text)),
      },
      requestId: action.requestId,
    });
    return published;
  });
  await context.changes.publish({ version: version.version });
  return version;
}

/** Publishes a document whole, or nothing when it has any error (all of them thrown at once). */
export async function publishBannerDocument(context: BannersContext, text: string, action: PublishAction & { knownAreas?: ReadonlySet<string> }): Promise<BannerVersion> {
  requireValidDocument(text, action.knownAreas);
  return appendVersion(context, text, action, null);
}

/** Makes an earlier version live again as a new version holding exactly its text. */
export async function rollBackBanners(context: BannersContext, to: number, action: PublishAction): Promise<BannerVersion> {
  const old = await getBannerVersion(context.db, to);
  return appendVersion(context, old.text, action, old.version);
}
