#!/usr/bin/env node
// Runs every *.test.ts beside the code it pins, with Node's test runner through tsx.
// Arguments narrow the run to files whose path contains one of them. The longest files start
// first (LONG_FIRST), so the run ends on short files instead of one core idling while the other
// finishes a long one. Tests that take the whole machine (tests/cluster: a dozen processes
// under load, probed on timeouts) run after the others, one at a time, so another file's load
// cannot starve their health probes.
import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import path from 'node:path';

const roots = ['apps', 'packages', 'tests'];
const files = [];
const walk = (dir) => {
  let entries;
  try {
    entries = readdirSync(dir, { withFileTypes: true });
  } catch {
    return;
  }
  for (const entry of entries) {
    if (entry.name === 'node_modules' || entry.name.startsWith('.')) continue;
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) walk(full);
    else if (entry.name.endsWith('.test.ts')) files.push(full);
  }
};
roots.forEach(walk);
const filters = process.argv.slice(2);
// Files (or directories) that take ~40 s or more in CI, longest first; the rest follow by path.
// Measured from a CI log's suite durations; a file missing here only costs some idle time.
const LONG_FIRST = [
  'tests/build/',
  'tests/e2e/guest-accessibility.browser.test.ts',
  'tests/security/fuzz-routes.test.ts',
  'tests/e2e/embedded-platform.test.ts',
  'packages/slo/src/prometheus/promtool.test.ts',
  'tests/e2e/facility-accessibility.browser.test.ts',
  'apps/edge/src/main.test.ts',
  'tests/observability/',
].map((p) => path.normalize(p));
const rank = (f) => {
  const i = LONG_FIRST.findIndex((p) => f.startsWith(p));
  return i === -1 ? LONG_FIRST.length : i;
};
const selected = files
  .sort()
  .filter((f) => filters.length === 0 || filters.some((x) => f.includes(x)))
  .sort((a, b) => rank(a) - rank(b));
if (selected.length === 0) {
  console.error('no test files matched');
  process.exit(1);
}
const wholeMachine = selected.filter((f) => f.startsWith(path.join('tests', 'cluster') + path.sep));
const shared = selected.filter((f) => !wholeMachine.includes(f));
// A test that hangs fails on its own after this, naming itself, instead of holding the whole
// run until CI gives up with no word of which one it was (the slowest test takes ~3 min);
// and a file whose tests are done ends even if a handle it forgot would keep it alive.
const TEST_TIMEOUT_MS = process.env.TEST_TIMEOUT_MS ?? '600000';
const run = (group, concurrency) =>
  group.length === 0
    ? 0
    : (spawnSync(process.execPath, ['--import', 'tsx', path.join(import.meta.dirname, 'run-test-files.mjs'), concurrency, TEST_TIMEOUT_MS, ...group], {
        stdio: 'inherit',
      }).status ?? 1);
const sharedStatus = run(shared, process.env.TEST_CONCURRENCY ?? '2');
const wholeMachineStatus = run(wholeMachine, '1');
process.exit(sharedStatus || wholeMachineStatus);
