/**
 * `npm run build [-- --out <dir>]`: every service of the repository compiled into
 * `dist/<service>/` (bundled JavaScript, its production node_modules, the edge rules and
 * VCL where the edge reads them), then a size report and the size budgets checked.
 * `npm run build:check` checks the budgets of an existing build without building.
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { buildArtifacts } from './build-artifacts.ts';
import { formatSizeReport, measureArtifacts, overBudget } from './size-report.ts';

const root = fileURLToPath(new URL('../../', import.meta.url));
const { values } = parseArgs({ options: { out: { type: 'string', default: path.join(root, 'dist') }, 'check-only': { type: 'boolean', default: false } } });
const distDir = path.resolve(values.out!);

if (!values['check-only']) {
  const started = Date.now();
  const manifest = await buildArtifacts(root, distDir);
  console.log(`built ${Object.keys(manifest.entries).length} entry points into ${path.relative(process.cwd(), distDir) || '.'} in ${((Date.now() - started) / 1000).toFixed(1)} s`);
}
const sizes = await measureArtifacts(distDir);
console.log(formatSizeReport(sizes));
const over = overBudget(sizes);
if (over.length > 0) {
  console.error(`size budget exceeded (scripts/build/size-budgets.ts):\n${over.join('\n')}`);
  process.exit(1);
}
