import MarkdownIt from 'markdown-it';

/**
 * Postmortems are written by staff but read by every operator: raw HTML in the Markdown is
 * shown as text (html: false), links keep markdown-it's check refusing javascript:, vbscript:
 * and data: URLs except images, and the page's CSP forbids inline script anyway.
 */
const markdown = new MarkdownIt({ html: false, linkify: true, typographer: false });

export function renderPostmortem(source: string): string {
  return markdown.render(source);
}
