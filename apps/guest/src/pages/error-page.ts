import type { FastifyRequest } from 'fastify';
import type { Problem } from '@hatago/platform/http';
import { ENGLISH_ERROR_PAGE, type ErrorPageText, renderErrorPage } from '@hatago/web-kit';
import { type Lang, langOf, localise, t } from './i18n.ts';
import { GUEST_SHELL, guestFooter, link } from './page-kit.ts';

const JAPANESE_ERROR_PAGE: ErrorPageText = {
  notFound: t('ja').notFoundTitle,
  notFoundDetail: 'アドレスに誤りがあるか、ページが移動した可能性があります。',
  failed: '問題が発生しました',
  retry: 'しばらくしてから、もう一度お試しください。',
  requestId: 'リクエストID',
  traceId: 'トレースID',
  back: t('ja').backToStart,
  detail: (detail) => localise('ja', detail),
};

/** The language the failed request asked for: its `lang` query parameter or form field, as every guest page decides it. */
function requestLang(request: FastifyRequest): Lang {
  const fromQuery = (request.query as Record<string, unknown> | undefined)?.lang;
  const fromForm = typeof request.body === 'object' && request.body !== null ? (request.body as Record<string, unknown>).lang : undefined;
  return langOf(fromQuery ?? fromForm);
}

/** The guest site's error page (404s included), in the language of the request, Japanese by default like every guest page. */
export function guestErrorPage(problem: Problem, request: FastifyRequest): string {
  const lang = requestLang(request);
  const shell = { ...GUEST_SHELL, lang, brandHref: link('/', {}, lang), footer: guestFooter(lang) };
  return renderErrorPage(problem, shell, lang === 'ja' ? JAPANESE_ERROR_PAGE : ENGLISH_ERROR_PAGE);
}
