import { type Executor, tablesOf } from '@hatago/db';
import { notFound } from '@hatago/platform/errors';
import { BannersErrors } from '../banners-errors.ts';
import type { BannersTables } from '../banners-tables.ts';
import type { BannerDocument } from '../document/banner-document.ts';
import { type BannerVersion, type BannersContext, type PublishAction, publishBannerDocument, requireValidDocument } from '../versions/banner-versions.ts';

export interface BannerDraft {
  id: number;
  text: string;
  document: BannerDocument;
  createdAt: Date;
  actor: { id: number; name: string };
}

/** Drafts are for previewing now; an old one is never what anyone meant to publish. */
const DRAFT_LIFETIME_DAYS = 7;

/** Keeps a document that passed every check, for previews and a publish later; throws its errors otherwise. */
export async function saveBannerDraft(db: Executor, text: string, action: PublishAction & { knownAreas?: ReadonlySet<string> }): Promise<BannerDraft> {
  const document = requireValidDocument(text, action.knownAreas);
  const t = tablesOf<BannersTables>(db);
  await t.deleteFrom('banner_drafts').where('created_at', '<', new Date(Date.now() - DRAFT_LIFETIME_DAYS * 86_400_000)).execute();
  const row = await t
    .insertInto('banner_drafts')
    .values({ document: text, actor_id: action.actor.id, actor_name: action.actor.name })
    .returningAll()
    .executeTakeFirstOrThrow();
  return { id: Number(row.id), text, document, createdAt: row.created_at, actor: action.actor };
}

export async function getBannerDraft(db: Executor, id: number): Promise<BannerDraft> {
  const row = await tablesOf<BannersTables>(db).selectFrom('banner_drafts').selectAll().where('id', '=', id).executeTakeFirst();
  if (!row) throw notFound(BannersErrors.BANNER_DRAFT_NOT_FOUND, `No banner draft ${id}`);
  return { id: Number(row.id), text: row.document, document: JSON.parse(row.document) as BannerDocument, createdAt: row.created_at, actor: { id: Number(row.actor_id), name: row.actor_name } };
}

/** Publishes a draft's text exactly, checked again (areas may have changed since). */
export async function publishBannerDraft(context: BannersContext, id: number, action: PublishAction & { knownAreas?: ReadonlySet<string> }): Promise<BannerVersion> {
  const draft = await getBannerDraft(context.db, id);
  return publishBannerDocument(context, draft.text, action);
}
