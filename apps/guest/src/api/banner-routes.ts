import { Type } from '@sinclair/typebox';
import { BANNER_SCHEMA_TEXT, BANNER_SLOTS, BANNERS_EDGE_KEY, liveBanners, nextBannerChange } from '@hatago/banners';
import { type HttpApp, purgedByKeyHeaders } from '@hatago/platform/http';
import type { GuestServices } from '../deps.ts';
import { Lang } from './api-schemas.ts';

const LocalisedBanner = Type.Object({
  id: Type.String(),
  image: Type.String({ description: "An https URL, or an uploaded image's key served at /images/<key>?w=<width>" }),
  link: Type.String(),
  alt: Type.String(),
  caption: Type.String(),
  priority: Type.Integer(),
  start: Type.String({ format: 'date-time' }),
  end: Type.String({ format: 'date-time' }),
  target: Type.Object({
    areas: Type.Optional(Type.Array(Type.String())),
    lang: Type.Optional(Type.String()),
    members: Type.Optional(Type.Boolean()),
  }),
});

/** The longest the edge keeps the answer when no banner starts or ends sooner (browsers revalidate each time). */
const MAX_AGE = 60;

export function registerBannerApi(app: HttpApp, { banners, now }: GuestServices): void {
  app.get(
    '/api/v1/banners',
    {
      schema: {
        tags: ['banners'],
        summary: 'The banners live now, per slot, highest priority first, with texts in the language asked',
        description: 'Filtered by time and language only: each banner carries its area and member targeting for the client to apply.',
        querystring: Type.Object({ lang: Lang }),
        response: {
          200: Type.Object({
            version: Type.Union([Type.Integer(), Type.Null()], { description: 'The published version; null before the first publish' }),
            slots: Type.Object(Object.fromEntries(BANNER_SLOTS.map((slot) => [slot, Type.Array(LocalisedBanner)]))),
          }),
        },
      },
    },
    async (request, reply) => {
      const at = now();
      const live = await banners.current();
      const next = nextBannerChange(live.document, at);
      const maxAge = next === undefined ? MAX_AGE : Math.max(0, Math.min(MAX_AGE, Math.floor((next.getTime() - at.getTime()) / 1000)));
      reply.headers(purgedByKeyHeaders([BANNERS_EDGE_KEY], { maxAgeSeconds: maxAge, staleWhileRevalidateSeconds: 0 }));
      const slots = liveBanners(live.document, at, { lang: request.query.lang ?? 'ja' });
      const strip = (list: (typeof slots)[keyof typeof slots]) => list.map(({ slot: _slot, ...banner }) => banner);
      return { version: live.version, slots: Object.fromEntries(BANNER_SLOTS.map((slot) => [slot, strip(slots[slot])])) };
    },
  );

  // the file kept in the repository, byte for byte, so editors' tools and CI validate against exactly it
  app.get('/api/v1/banners/schema.json', { schema: { tags: ['banners'], summary: 'The JSON Schema of a banner document' } }, async (_request, reply) =>
    reply.type('application/schema+json').header('cache-control', 'public, max-age=300').send(BANNER_SCHEMA_TEXT),
  );
}
