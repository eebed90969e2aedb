import type { FastifyReply, FastifyRequest } from 'fastify';
import type { FieldError } from '@hatago/platform/errors';
import { html, type SafeHtml } from '@hatago/platform/html';
import { purgedByKeyHeaders, sharedCacheControl, type SharedLifetime } from '@hatago/platform/http';
import { renderPage } from '@hatago/web-kit';
import { DEFAULT_LANG, type Lang, localise, t } from './i18n.ts';

export const GUEST_SHELL = { brand: 'Hatago', brandHref: '/', lang: 'en' as const };

/** Where a member lands after logging in: their reservations. */
export const ACCOUNT_HOME = '/account/reservations';
/** The terms of use and the privacy policy (legal-pages.ts), linked from every footer and consent. */
export const TERMS_PATH = '/terms';
export const PRIVACY_PATH = '/privacy';
/** The script that shows a signed-in member their account link on pages cached for everyone. */
export const ACCOUNT_STATUS_SCRIPT = '/assets/account-status.js';

// Accessibility (WCAG 2.2 AA): form fields' edges at 3:1 against the paper (1.4.11, the base's #cfc7b8 is 1.6:1),
// and one focus ring in the accent for every control (2.4.7) rather than the browser's blue on the warm palette;
// fields by :focus too, since Chromium's date field focuses its own inner parts and draws no ring on the field.
const GUEST_CSS = `
input,select,textarea{border-color:#948b7d}
:focus-visible,input:focus,select:focus,textarea:focus{outline:3px solid var(--accent);outline-offset:2px}
.results{list-style:none;padding:0;display:grid;gap:1rem}
.result{display:flex;justify-content:space-between;gap:1rem;flex-wrap:wrap}
.result-photo{width:14rem;max-width:100%;height:auto;aspect-ratio:3/2;object-fit:cover;border-radius:4px}
.gallery ul{list-style:none;padding:0;margin:0;display:grid;gap:.5rem;grid-template-columns:repeat(auto-fill,minmax(12rem,1fr))}
.gallery li.gallery-cover{grid-column:1/-1}
.gallery figure{margin:0}
.gallery img{display:block;width:100%;max-width:100%;height:auto;aspect-ratio:3/2;object-fit:cover;border-radius:4px}
.gallery .cover{aspect-ratio:auto;max-height:32rem}
.stars{color:var(--accent);letter-spacing:.1em}
.amenity-tags{list-style:none;padding:0;margin:.25rem 0;display:flex;flex-wrap:wrap;gap:.25rem}
.amenity-tags li{font-size:.85rem;border:1px solid var(--line);border-radius:999px;padding:0 .6rem;background:var(--paper)}
.room-facts{display:flex;flex-wrap:wrap;gap:.25rem 1.5rem;margin:.25rem 0}
.room-facts div{display:flex;gap:.4rem}
.room-facts dt{font-weight:600}
.room-facts dd{margin:0}
.plans td:last-child{text-align:right;white-space:nowrap}
.months{display:grid;gap:1.5rem;grid-template-columns:repeat(auto-fill,minmax(19rem,1fr))}
.month table{table-layout:fixed}
.month th,.month td{text-align:center;padding:.25rem;font-size:.8rem}
.month td a,.month td span{display:block;text-decoration:none}
.month .mark{font-size:1rem}
.month small{display:block;font-size:.6rem;overflow:hidden}
.month .full{color:var(--muted)}
dl.summary{display:grid;grid-template-columns:max-content 1fr;gap:.25rem 1rem}
dl.summary dt{color:var(--muted)}
dl.summary dd{margin:0}
.code{font-size:1.4rem;font-weight:700;letter-spacing:.1em}
.inline-form{display:inline}
.check{display:flex;gap:.5rem;align-items:center}
.times{display:flex;gap:.25rem;flex-wrap:wrap;margin-top:.5rem}
tr.chosen{background:var(--highlight,#fff8e1)}
.requests{white-space:pre-line}
.banner-slot{margin:1rem 0}
.banner-slot ul{list-style:none;padding:0;margin:0;display:grid;gap:1rem;grid-auto-flow:column;grid-auto-columns:minmax(14rem,1fr);overflow-x:auto}
.banner{display:block;border-radius:.5rem;overflow:hidden;text-decoration:none}
.banner img{display:block;width:100%;height:auto;aspect-ratio:16/6;object-fit:cover;background:var(--muted)}
.banner-slot[data-slot=home-carousel] .banner img,.banner-slot[data-slot=hotel-side] .banner img{aspect-ratio:4/3}
.banner .caption{display:block;padding:.5rem .75rem;font-weight:600}
.account-menu{display:flex;gap:.5rem 1.25rem;flex-wrap:wrap;margin:0 0 1.5rem}
.account-menu a[aria-current=page]{font-weight:700}
.saved-guest-picker fieldset{display:flex;gap:.75rem;align-items:end;flex-wrap:wrap}
.site-footer nav{display:flex;gap:.5rem 1.5rem;justify-content:center;flex-wrap:wrap;margin-bottom:.5rem}
`;

/**
 * Public pages hold nothing personal and set no cookie: the edge keeps them briefly. One the
 * edge purges by key (its surrogateKeys) is revalidated by browsers every time (purgedByKeyHeaders),
 * so a change reaches them as soon as the edge is purged; one without keys is purged by nobody and
 * every cache keeps it the same while.
 */
const PUBLIC_LIFETIME = { maxAgeSeconds: 60, staleWhileRevalidateSeconds: 30 } as const;

/**
 * A public page that must change at a known instant (a banner starting or ending) is kept
 * no longer than until then, and never served stale past it.
 */
function lifetimeOf(page: GuestPage): SharedLifetime {
  const { maxAgeSeconds, staleWhileRevalidateSeconds } = PUBLIC_LIFETIME;
  if (page.maxAgeSeconds === undefined || page.maxAgeSeconds >= maxAgeSeconds + staleWhileRevalidateSeconds) return PUBLIC_LIFETIME;
  return { maxAgeSeconds: Math.min(maxAgeSeconds, page.maxAgeSeconds), staleWhileRevalidateSeconds: 0 };
}

function cacheHeadersOf(page: GuestPage): Record<string, string> {
  if (page.cache === 'private') return { 'cache-control': 'private, no-store' };
  if (page.surrogateKeys?.length) return purgedByKeyHeaders(page.surrogateKeys, lifetimeOf(page));
  return { 'cache-control': sharedCacheControl(lifetimeOf(page)) };
}

export interface GuestPage {
  lang: Lang;
  title: string;
  body: SafeHtml;
  /** `public` pages must look the same for everyone; anything about a person is `private`. */
  cache: 'public' | 'private';
  status?: number;
  /** The same page in the other language, for GET pages that have one. */
  otherLang?: string;
  /** Logged-in pages offer logging out; public pages never show who is logged in. */
  loggedIn?: boolean;
  /** Surrogate-Key tags (EDGE_KEYS) of a public page, so a catalogue change purges it from the edge. */
  surrogateKeys?: readonly string[];
  /** A public page's content changes in this many seconds (a scheduled banner): see lifetimeOf. */
  maxAgeSeconds?: number;
  /** The look of a design only this page shows (one behind a flag), after the site's own. */
  css?: string;
}

/** Most pages open with their title as the heading; the rest of the body follows on the next line. */
export function titledPage(page: Omit<GuestPage, 'body'>, content: SafeHtml): GuestPage {
  return { ...page, body: html`<h1>${page.title}</h1>
${content}` };
}

export function sendPage(reply: FastifyReply, page: GuestPage): string {
  const text = t(page.lang);
  reply
    .code(page.status ?? 200)
    .type('text/html; charset=utf-8')
    .headers(cacheHeadersOf(page));
  const nav = html`<a data-testid="nav-restaurants" href="${link('/restaurants', {}, page.lang)}">${text.navRestaurants}</a>
<a href="${link('/reservations/lookup', {}, page.lang)}">${text.navLookup}</a>
${
  page.loggedIn
    ? html`<a data-account-link="member" href="${link(ACCOUNT_HOME, {}, page.lang)}">${text.navAccount}</a>`
    : html`<a data-account-link="login" href="${link('/login', {}, page.lang)}">${text.navLogin}</a>`
}
${page.otherLang ? languageSwitch(page.otherLang, page.lang === 'ja' ? 'en' : 'ja', text.navSwitchLang) : ''}
${
  page.loggedIn
    ? html`<form class="inline-form" method="post" action="/logout">${langField(page.lang)}<button class="secondary" type="submit">${text.navLogout}</button></form>`
    : ''
}`;
  return renderPage({
    brand: GUEST_SHELL.brand,
    brandHref: link('/', {}, page.lang),
    lang: page.lang,
    title: `${page.title} | Hatago`,
    nav,
    body: page.body,
    css: GUEST_CSS + (page.css ?? ''),
    // pages that do not know who is signed in (every shared one) ask in the browser: see account-status.ts
    footer: guestFooter(page.lang),
    scripts: page.loggedIn ? [] : [ACCOUNT_STATUS_SCRIPT],
  });
}

/** The terms of use and privacy policy, by their names in `lang`. */
export function legalLinks(lang: Lang): SafeHtml {
  const text = t(lang);
  return html`<a href="${link(TERMS_PATH, {}, lang)}">${text.termsLink}</a>
<a href="${link(PRIVACY_PATH, {}, lang)}">${text.privacyLink}</a>`;
}

/** Every guest page's footer, the error pages' too. */
export const guestFooter = (lang: Lang): SafeHtml => html`<nav aria-label="${t(lang).footerLinksLabel}">${legalLinks(lang)}</nav>
<span>Hatago</span>`;

/** The link to the other language, named in that language: `lang` tells a screen reader how to say it (WCAG 3.1.2). */
const languageSwitch = (href: string, other: Lang, name: string): SafeHtml => html`<a href="${href}" hreflang="${other}" lang="${other}">${name}</a>`;

/** A list repeats its name once per value (`stars=4&stars=5`), as a form's checkboxes submit it. */
type Params = Record<string, string | number | undefined | readonly (string | number)[]>;

const pairsOf = (params: Params, keepEmpty: boolean): Array<[string, string]> =>
  Object.entries(params).flatMap(([key, value]) =>
    (Array.isArray(value) ? value : [value]).filter((v) => v !== undefined && (keepEmpty || v !== '')).map((v): [string, string] => [key, String(v)]),
  );

/** A site URL carrying the language; the default language is left out so each page has one URL. */
export function link(path: string, params: Params, lang: Lang): string {
  const search = new URLSearchParams();
  for (const [key, value] of pairsOf(params, false)) search.append(key, value);
  if (lang !== DEFAULT_LANG) search.set('lang', lang);
  const query = search.toString();
  return query ? `${path}?${query}` : path;
}

/** This GET request's URL in the other language. */
export function otherLangOf(request: FastifyRequest, lang: Lang): string {
  const url = new URL(request.url, 'http://guest.invalid');
  const other: Lang = lang === 'ja' ? 'en' : 'ja';
  if (other === DEFAULT_LANG) url.searchParams.delete('lang');
  else url.searchParams.set('lang', other);
  return url.pathname + url.search;
}

export function hidden(params: Params): SafeHtml {
  return html`${pairsOf(params, true).map(([name, value]) => html`<input type="hidden" name="${name}" value="${value}">`)}`;
}

/** Forms carry the language like links do: only when it is not the default. */
export const langField = (lang: Lang): SafeHtml => hidden({ lang: lang === DEFAULT_LANG ? undefined : lang });

export const localiseErrors = (lang: Lang, errors: FieldError[]): FieldError[] =>
  errors.map((e) => ({ field: e.field, message: localise(lang, e.message) }));

/** Query strings and form bodies as plain records of strings; repeated keys keep the first. */
export function paramsOf(source: unknown): Record<string, string> {
  const out: Record<string, string> = {};
  if (source && typeof source === 'object') {
    for (const [key, value] of Object.entries(source)) {
      const first = Array.isArray(value) ? value[0] : value;
      if (typeof first === 'string') out[key] = first.slice(0, 500);
    }
  }
  return out;
}

export function messagePage(heading: string, message: string, back: { href: string; label: string }): SafeHtml {
  return html`<section class="card">
<h1>${heading}</h1>
<p>${message}</p>
<p><a href="${back.href}">${back.label}</a></p>
</section>`;
}

/** A page that says one thing and offers one way on, headed by its title. */
export function noticePage(
  lang: Lang,
  notice: { title: string; message: string; back: { href: string; label: string }; status: number; cache: GuestPage['cache'] },
): GuestPage {
  return { lang, title: notice.title, cache: notice.cache, status: notice.status, body: messagePage(notice.title, notice.message, notice.back) };
}

export function notFoundPage(reply: FastifyReply, lang: Lang, message: string, cache: GuestPage['cache'] = 'public'): string {
  const text = t(lang);
  return sendPage(reply, noticePage(lang, { title: text.notFoundTitle, message, back: { href: link('/', {}, lang), label: text.backToStart }, status: 404, cache }));
}
