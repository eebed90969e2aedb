import { ImagesErrors, renderImage, renditionOf } from '@hatago/images';
import { DomainError } from '@hatago/platform/errors';
import { type HttpApp, matchesEtag, problemFrom, sendProblem } from '@hatago/platform/http';
import type { ObjectStorage } from '@hatago/storage';

/** A key names one content forever (docs/images.md), so every rendition of it may be kept for a year unchecked. */
const IMMUTABLE = 'public, max-age=31536000, immutable';

/**
 * `GET /images/<key>?w=<width>`: a stored image at one of the listed widths, in AVIF,
 * WebP or its JPEG/PNG by Accept. Errors are problem+json like the API's (an `<img>` shows
 * none of them; a developer reading the URL sees the code): a width outside the list 400,
 * a key never stored 404.
 */
export function registerImageRoute(app: HttpApp, storage: ObjectStorage): void {
  app.register(async (images: HttpApp) => {
    images.setErrorHandler((error, request, reply) => {
      const problem = problemFrom(error, request);
      if (error instanceof DomainError && error.code === ImagesErrors.IMAGE_WIDTH_NOT_ALLOWED) problem.status = 400;
      if (problem.status >= 500) request.log.error({ err: error }, 'image failed');
      return sendProblem(reply, problem);
    });

    images.get<{ Params: { '*': string }; Querystring: { w?: unknown } }>('/images/*', async (request, reply) => {
      const width = widthOf(request.query.w);
      const accept = request.headers.accept;
      const { contentType, etag } = renditionOf(request.params['*'], { width, accept });
      reply.header('cache-control', IMMUTABLE).header('vary', 'Accept').header('etag', etag);
      if (matchesEtag(request.headers['if-none-match'], etag)) return reply.code(304).send();
      const rendition = await renderImage(storage, request.params['*'], { width, accept });
      return reply.type(contentType).send(rendition.body);
    });
  });
}

/**
 * Only the plain spelling of a width: `0320`, `320.0` or `3.2e2` would each be another edge
 * cache entry (the key keeps `w` as sent) and another render of the same image.
 */
const widthOf = (w: unknown) => (typeof w === 'string' && /^[1-9][0-9]{0,3}$/.test(w) ? Number(w) : Number.NaN);
