#!/usr/bin/env node
// Node's test runner over the files given, started in the order given: `node --test file…`
// sorts its files by path, which put the longest files (all under tests/) last and left one
// core idle behind them. Started by run-tests.mjs under `--import tsx`, which every test
// file's process inherits. Usage: run-test-files.mjs <concurrency> <timeout ms> <file>…
import { run } from 'node:test';
import { spec } from 'node:test/reporters';

const [concurrency, timeout, ...files] = process.argv.slice(2);
const stream = run({ files, concurrency: Number(concurrency), timeout: Number(timeout), forceExit: true });
// Set as soon as a test fails: forceExit ends the process once the tests are done.
stream.on('test:fail', () => {
  process.exitCode = 1;
});
stream.compose(spec).pipe(process.stdout);
