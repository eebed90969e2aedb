import { listBannerVersions, publishBannerDocument, requireValidDocument } from '@hatago/banners';
import type { HttpApp } from '@hatago/platform/http';
import type { OperatorAppDeps } from '../deps.ts';
import { needs } from '../route-capabilities.ts';
import { bannersContext, knownAreas, publishActionOf } from './banner-routes.ts';

const API = '/operator/api/banners';

/**
 * Banners as code: `npm run banners:publish` and CI call these with an API token or an
 * operator's session. The body is the document's own text, kept byte for byte (a JSON
 * parser would re-serialise it), so what was in git is what a rollback restores.
 */
export async function registerBannerApi(app: HttpApp, deps: OperatorAppDeps): Promise<void> {
  const db = deps.database.db;
  const context = bannersContext(deps);
  await app.register(async (api: HttpApp) => {
    api.removeContentTypeParser('application/json');
    api.addContentTypeParser('application/json', { parseAs: 'string', bodyLimit: 1_048_576 }, (_request, body, done) => done(null, body));
    const textOf = (body: unknown) => (typeof body === 'string' ? body : '');

    api.post(`${API}/check`, needs('banners.edit'), async (request) => {
      const document = requireValidDocument(textOf(request.body), await knownAreas(db));
      return { ok: true, banners: document.banners.length };
    });

    api.post(`${API}/publish`, needs('banners.publish'), async (request, reply) => {
      const version = await publishBannerDocument(context, textOf(request.body), { ...publishActionOf(request), knownAreas: await knownAreas(db) });
      return reply.code(201).send({ version: version.version, publishedAt: version.publishedAt.toISOString() });
    });

    api.get(`${API}/versions`, needs('banners.edit'), async () => ({
      items: (await listBannerVersions(db)).map((v) => ({ version: v.version, publishedAt: v.publishedAt.toISOString(), by: v.actor.name, restoredFrom: v.restoredFrom })),
    }));
  });
}
