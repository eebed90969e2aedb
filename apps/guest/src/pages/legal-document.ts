import { html, type SafeHtml } from '@hatago/platform/html';

/** One article of the terms or the privacy policy: its heading, its paragraphs and, where it lists things, the list. */
export interface LegalSection {
  heading: string;
  paragraphs: readonly string[];
  items?: readonly string[];
}

/** The terms of use or the privacy policy in one language, articles in the order they are read. */
export interface LegalDocument {
  title: string;
  /** When this version took effect, as the language writes dates. */
  effective: string;
  intro: string;
  sections: Readonly<Record<string, LegalSection>>;
}

export const LEGAL_DOCUMENT_CSS = `.legal{max-width:46rem}
.legal section{margin:1.5rem 0}
.legal h2{font-size:1.15rem}
.legal .effective{color:var(--muted)}`;

/** The document's body under its h1 title: numbered articles, each a heading with its paragraphs. */
export function legalDocumentBody(document: LegalDocument, articleNumber: (n: number) => string): SafeHtml {
  return html`<div class="legal">
<p class="effective">${document.effective}</p>
<p>${document.intro}</p>
${Object.entries(document.sections).map(
  ([id, section], i) => html`<section aria-labelledby="legal-${id}">
<h2 id="legal-${id}">${articleNumber(i + 1)} ${section.heading}</h2>
${section.paragraphs.map((p) => html`<p>${p}</p>`)}
${section.items?.length ? html`<ul>${section.items.map((item) => html`<li>${item}</li>`)}</ul>` : ''}
</section>`,
)}
</div>`;
}
