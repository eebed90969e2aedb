import { html, type SafeHtml } from '@hatago/platform/html';
import { type Lang, t } from './i18n.ts';

/** A hotel's stars drawn as ★, read aloud as "5-star" rather than a run of "black star" symbols. */
export const starRating = (stars: number, lang: Lang): SafeHtml =>
  html`<span class="stars" role="img" aria-label="${t(lang).starsLabel(stars)}">${t(lang).stars(stars)}</span>`;
