import type { FastifyRequest } from 'fastify';
import type { HttpApp } from '@hatago/platform/http';
import { type Lang, langOf, t } from './i18n.ts';
import { LEGAL_DOCUMENT_CSS, type LegalDocument, legalDocumentBody } from './legal-document.ts';
import { type GuestPage, otherLangOf, paramsOf, PRIVACY_PATH, sendPage, TERMS_PATH, titledPage } from './page-kit.ts';

/**
 * The terms of use and the privacy policy: the same for every visitor, so public and kept by
 * the edge like the other shared pages (config/edge.ts `legal-pages`); a new version reaches
 * visitors with the next deploy, within the pages' short lifetime.
 */
export function registerLegalPages(app: HttpApp): void {
  app.get(TERMS_PATH, (request, reply) => sendPage(reply, legalPage(request, (lang) => t(lang).terms)));
  app.get(PRIVACY_PATH, (request, reply) => sendPage(reply, legalPage(request, (lang) => t(lang).privacy)));
}

function legalPage(request: FastifyRequest, documentIn: (lang: Lang) => LegalDocument): GuestPage {
  const lang = langOf(paramsOf(request.query).lang);
  const document = documentIn(lang);
  return {
    ...titledPage({ lang, title: document.title, cache: 'public', otherLang: otherLangOf(request, lang) }, legalDocumentBody(document, t(lang).articleNumber)),
    css: LEGAL_DOCUMENT_CSS,
  };
}
