import type { FastifyRequest } from 'fastify';
import {
  BannerChanges,
  type BannersContext,
  diffBannerVersions,
  diffDocuments,
  EMPTY_DOCUMENT_TEXT,
  getBannerDraft,
  getBannerVersion,
  listBannerVersions,
  liveVersion,
  PreviewTokens,
  publishBannerDraft,
  rollBackBanners,
  saveBannerDraft,
  type BannerDocument,
  type DocumentError,
  BannersErrors,
} from '@hatago/banners';
import { listAreas } from '@hatago/catalog';
import type { Executor } from '@hatago/db';
import { DomainError, notFound } from '@hatago/platform/errors';
import type { HttpApp } from '@hatago/platform/http';
import { parseId } from '@hatago/platform/input';
import { auditActor } from '../audit-trail.ts';
import type { OperatorAppDeps } from '../deps.ts';
import { needs } from '../route-capabilities.ts';
import { BANNER_UPLOAD_SCRIPT, BANNERS_PATH, bannersPage, diffPage, draftPage, UPLOAD_SCRIPT, versionPage } from '../views/banner-views.ts';

const HTML = 'text/html; charset=utf-8';
const NOTICES: Record<string, string> = { published: 'Published: every guest page shows it within seconds.', 'rolled-back': 'Rolled back: the restored document is live as a new version.' };

export const publishActionOf = (request: FastifyRequest) => ({ actor: auditActor(request.staff), requestId: request.id });
export const knownAreas = async (db: Executor) => new Set((await listAreas(db)).map((area) => area.id));
export const bannersContext = ({ database, cache }: OperatorAppDeps): BannersContext => ({ db: database.db, changes: new BannerChanges(cache) });

/** The banners page, with what the last action left to show. */
export type BannerOverview = (request: FastifyRequest, form?: OverviewState) => Promise<string>;
type OverviewState = { text?: string; errors?: DocumentError[]; notice?: string; uploaded?: { key: string; width: number; height: number }; imageError?: string };

const versionOf = (raw: unknown) => {
  const id = parseId(raw);
  if (id === undefined) throw notFound(BannersErrors.BANNER_VERSION_NOT_FOUND, `No banner version ${String(raw)}`);
  return id;
};

/** Editors upload a document (file or paste), see every error with its path, preview a checked draft, publish, diff and roll back. */
export function registerBannerRoutes(app: HttpApp, deps: OperatorAppDeps): BannerOverview {
  const db = deps.database.db;
  const context = bannersContext(deps);
  const previews = new PreviewTokens(deps.signingSecret);

  const overview: BannerOverview = async (request, form = {}) => {
    const [live, versions] = await Promise.all([liveVersion(db), listBannerVersions(db)]);
    const text = form.text ?? live?.text ?? EMPTY_DOCUMENT_TEXT;
    const document = JSON.parse(live?.text ?? EMPTY_DOCUMENT_TEXT) as BannerDocument;
    return bannersPage(request.staff, { live, document, versions, text, ...form });
  };

  app.get(BANNER_UPLOAD_SCRIPT, needs('banners.edit'), async (_request, reply) => reply.type('text/javascript; charset=utf-8').send(UPLOAD_SCRIPT));

  app.get<{ Querystring: { notice?: unknown } }>(BANNERS_PATH, needs('banners.edit'), async (request, reply) => {
    const notice = typeof request.query.notice === 'string' ? NOTICES[request.query.notice] : undefined;
    reply.type(HTML);
    return overview(request, notice ? { notice } : {});
  });

  app.post<{ Body: { document?: unknown } | undefined }>(`${BANNERS_PATH}/drafts`, needs('banners.edit'), async (request, reply) => {
    const text = typeof request.body?.document === 'string' ? request.body.document : '';
    reply.type(HTML);
    try {
      const draft = await saveBannerDraft(db, text, { ...publishActionOf(request), knownAreas: await knownAreas(db) });
      return reply.redirect(`${BANNERS_PATH}/drafts/${draft.id}`, 303);
    } catch (error) {
      if (!(error instanceof DomainError) || error.code !== BannersErrors.INVALID_BANNER_DOCUMENT) throw error;
      const errors = error.fields.map((f) => ({ path: f.field, message: f.message }));
      return reply.code(422).send(await overview(request, { text, errors }));
    }
  });

  app.get<{ Params: { id: string } }>(`${BANNERS_PATH}/drafts/:id`, needs('banners.edit'), async (request, reply) => {
    const id = parseId(request.params.id);
    if (id === undefined) throw notFound(BannersErrors.BANNER_DRAFT_NOT_FOUND, `No banner draft ${request.params.id}`);
    const [draft, live] = await Promise.all([getBannerDraft(db, id), liveVersion(db)]);
    const token = previews.issue(draft.id);
    const firstArea = draft.document.banners.flatMap((b) => b.target?.areas ?? [])[0] ?? 'kyoto';
    const preview = (label: string, path: string) => ({ label, href: `/banner-preview/${token}${path}` });
    const links = [
      preview('Home (日本語)', '/'),
      preview('Home (English)', '/?lang=en'),
      preview(`Search ${firstArea}`, `/search?area=${encodeURIComponent(firstArea)}&lang=en`),
      preview('Hotel page', '/hotels/1?lang=en'),
    ];
    const liveDocument = JSON.parse(live?.text ?? EMPTY_DOCUMENT_TEXT) as BannerDocument;
    reply.type(HTML);
    return draftPage(request.staff, draft, diffDocuments(liveDocument, draft.document), links);
  });

  app.post<{ Params: { id: string } }>(`${BANNERS_PATH}/drafts/:id/publish`, needs('banners.publish'), async (request, reply) => {
    const id = parseId(request.params.id);
    if (id === undefined) throw notFound(BannersErrors.BANNER_DRAFT_NOT_FOUND, `No banner draft ${request.params.id}`);
    await publishBannerDraft(context, id, { ...publishActionOf(request), knownAreas: await knownAreas(db) });
    return reply.redirect(`${BANNERS_PATH}?notice=published`, 303);
  });

  app.get<{ Params: { version: string } }>(`${BANNERS_PATH}/versions/:version`, needs('banners.edit'), async (request, reply) => {
    reply.type(HTML);
    return versionPage(request.staff, await getBannerVersion(db, versionOf(request.params.version)));
  });

  app.get<{ Querystring: { from?: unknown; to?: unknown } }>(`${BANNERS_PATH}/diff`, needs('banners.edit'), async (request, reply) => {
    const [from, to] = [versionOf(request.query.from), versionOf(request.query.to)];
    reply.type(HTML);
    return diffPage(request.staff, from, to, await diffBannerVersions(db, from, to));
  });

  app.post<{ Params: { version: string } }>(`${BANNERS_PATH}/versions/:version/rollback`, needs('banners.publish'), async (request, reply) => {
    await rollBackBanners(context, versionOf(request.params.version), publishActionOf(request));
    return reply.redirect(`${BANNERS_PATH}?notice=rolled-back`, 303);
  });
  return overview;
}

