/**
 * `npm run slo:rules`: writes deploy/prometheus/slo-rules.yml and alertmanager.yml from
 * config/slo.ts. `--check` writes nothing and exits 1 when a committed file is stale.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { slo } from '../../../config/slo.ts';
import { generatedFiles } from './generated-files.ts';

const root = path.resolve(import.meta.dirname, '../../..');
const { values } = parseArgs({ options: { check: { type: 'boolean', default: false } } });
let stale = 0;
for (const [file, text] of Object.entries(generatedFiles(slo))) {
  const full = path.join(root, file);
  const current = (() => {
    try {
      return readFileSync(full, 'utf8');
    } catch {
      return undefined;
    }
  })();
  if (current === text) continue;
  if (values.check) {
    console.error(`${file} is stale: run npm run slo:rules`);
    stale++;
  } else {
    writeFileSync(full, text);
    console.log(`wrote ${file}`);
  }
}
process.exitCode = stale ? 1 : 0;
