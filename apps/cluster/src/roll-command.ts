/**
 * `npm run cluster:roll -- <app|all> [--state-dir dir]`: asks the running supervisor for a
 * rolling restart and prints its progress until it is done.
 */
import path from 'node:path';
import { parseArgs } from 'node:util';
import { ClusterControl } from './control-client.ts';

const { values, positionals } = parseArgs({ options: { 'state-dir': { type: 'string', default: 'data/cluster' } }, allowPositionals: true });
const target = positionals[0];
if (!target || positionals.length > 1) {
  console.error('usage: npm run cluster:roll -- <guest|facility|operator|mailer|all> [--state-dir dir]');
  process.exit(64);
}
const control = new ClusterControl(path.join(path.resolve(values['state-dir']), 'control.sock'));
try {
  await control.roll(target, (text) => process.stdout.write(text));
} catch (error) {
  const code = (error as NodeJS.ErrnoException).code;
  console.error(code === 'ENOENT' || code === 'ECONNREFUSED' ? `cluster:roll: no cluster is running (${control.socketPath})` : (error as Error).message);
  process.exit(1);
}
