import { listAreas } from '@hatago/catalog';
import { html } from '@hatago/platform/html';
import type { HttpApp } from '@hatago/platform/http';
import { addDays, tokyoToday } from '@hatago/platform/time';
import { renderPage, select, field } from '@hatago/web-kit';
import type { GuestAppDeps } from '../guest-app.ts';

export const GUEST_SHELL = { brand: 'Hatago', brandHref: '/', lang: 'en' as const };

export function registerGuestPages(app: HttpApp, { database }: GuestAppDeps): void {
  app.get('/', async (_request, reply) => {
    const areas = await listAreas(database.db);
    const checkin = addDays(tokyoToday(), 14);
    reply.type('text/html; charset=utf-8').header('cache-control', 'public, max-age=60');
    return renderPage({
      ...GUEST_SHELL,
      title: 'Hatago — luxury hotels in Japan',
      body: html`<h1>Find a stay</h1>
<form class="inline" method="get" action="/search">
  ${select({ name: 'area', label: 'Area', options: areas.map((a) => ({ value: a.id, label: a.name })) })}
  ${field({ name: 'checkin', label: 'Check-in', type: 'date', value: checkin, required: true })}
  ${field({ name: 'nights', label: 'Nights', type: 'number', value: 1, attrs: { min: 1, max: 14 } })}
  ${field({ name: 'guests', label: 'Guests', type: 'number', value: 2, attrs: { min: 1, max: 8 } })}
  ${field({ name: 'rooms', label: 'Rooms', type: 'number', value: 1, attrs: { min: 1, max: 4 } })}
  <button type="submit">Search</button>
</form>`,
    });
  });
}
