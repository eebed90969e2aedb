import multipart from '@fastify/multipart';
import { DEFAULT_IMAGE_LIMITS, storeImage } from '@hatago/images';
import { DomainError } from '@hatago/platform/errors';
import type { HttpApp } from '@hatago/platform/http';
import type { OperatorAppDeps } from '../deps.ts';
import { needs } from '../route-capabilities.ts';
import { BANNERS_PATH } from '../views/banner-views.ts';
import { type BannerOverview } from './banner-routes.ts';

/**
 * Editors upload a banner's image: packages/images checks it by content, strips its
 * metadata and stores it in object storage (never this process's disk) under a key the
 * document then names. The file is read in the handler, after the session and role
 * checks, one file at most, cut one byte past the limit so the images module refuses it
 * with its own message.
 */
export async function registerBannerImageRoutes(app: HttpApp, deps: OperatorAppDeps, overview: BannerOverview): Promise<void> {
  await app.register(async (uploads: HttpApp) => {
    // the page's form also carries its form token: a few short fields, one file
    await uploads.register(multipart, { limits: { files: 1, fields: 4, fieldSize: 200, fileSize: DEFAULT_IMAGE_LIMITS.maxBytes + 1, parts: 5 } });
    uploads.post(`${BANNERS_PATH}/images`, needs('banners.edit'), async (request, reply) => {
      reply.type('text/html; charset=utf-8');
      const file = await request.file({ limits: { fileSize: DEFAULT_IMAGE_LIMITS.maxBytes + 1 } }).catch(() => undefined);
      const bytes = file ? await file.toBuffer().catch(() => Buffer.alloc(DEFAULT_IMAGE_LIMITS.maxBytes + 1)) : Buffer.alloc(0);
      try {
        const stored = await storeImage(deps.storage, bytes, { owner: 'banners' });
        return overview(request, { uploaded: { key: stored.key, width: stored.width, height: stored.height } });
      } catch (error) {
        if (!(error instanceof DomainError) || error.kind !== 'invalid') throw error;
        return reply.code(422).send(await overview(request, { imageError: `The image ${error.fields[0]?.message ?? error.message}` }));
      }
    });
  });
}
