import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import type { Page } from 'playwright-core';
import type { AxeResults, Result } from 'axe-core';

/** The WCAG 2.2 AA conformance level, as axe-core tags its rules (each level includes the ones before it). */
export const WCAG_AA_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];

let source: Promise<string> | undefined;
/** axe-core's own bundle, read from node_modules once: the page loads nothing from the network. */
const axeSource = () => (source ??= readFile(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8'));

/**
 * Runs axe-core's WCAG 2.2 A/AA rules in the page as it is now and returns what fails.
 * axe is evaluated through the DevTools protocol rather than added as a <script>: the guest pages'
 * Content-Security-Policy (script-src 'self') rightly refuses inline scripts, and the test must not loosen it.
 */
export async function wcagViolations(page: Page): Promise<Result[]> {
  // strings, not functions: the repository type-checks without the DOM's types
  if (!(await page.evaluate<boolean>(`'axe' in window`))) await page.evaluate(await axeSource());
  const options = { runOnly: { type: 'tag', values: WCAG_AA_TAGS }, resultTypes: ['violations'] };
  const results = await page.evaluate<AxeResults>(`axe.run(document, ${JSON.stringify(options)})`);
  return results.violations;
}

/** One line per rule, then one per failing element: what broke, how badly, where, and axe's own summary of the fix. */
export function formatViolations(violations: Result[]): string {
  return violations.map((violation) => [
    `${violation.id} (${violation.impact ?? 'n/a'}): ${violation.help} — ${violation.helpUrl}`,
    ...violation.nodes.map((node) => `  ${node.target.join(' ')}: ${(node.failureSummary ?? '').replace(/\s+/g, ' ').trim()}`),
  ].join('\n')).join('\n');
}
