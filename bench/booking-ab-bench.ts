/**
 * A booking-path change A/B: bookStay() direct on PostgreSQL (and on PGlite with
 * BENCH_KINDS=postgres,pglite), this checkout and another one in alternating rounds on the
 * same machine, each round a fresh database. Prints per round and the median of each side:
 * bookings/s, p99, Node CPU per booking and PostgreSQL CPU per booking, with ratios.
 * CPU per booking is the steadier figure on a shared machine; bookings/s moves with load.
 *   git worktree add /tmp/before <rev> && cp -a node_modules /tmp/before/   (and each workspace's node_modules)
 *   BENCH_AGAINST=/tmp/before BENCH_ROUNDS=3 npm run bench:booking-ab
 */
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

interface Round {
  perSecond: number;
  p99: number;
  errors: number;
  nodeCpuMs: number;
  postgresCpuMs: number;
}

const here = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const against = process.env.BENCH_AGAINST;
if (!against) throw new Error('BENCH_AGAINST=<another checkout> names the tree to compare with');
const rounds = Number(process.env.BENCH_ROUNDS ?? 3);
const kinds = (process.env.BENCH_KINDS ?? 'postgres').split(',');
const sides = [
  { name: `before (${path.basename(against)})`, checkout: path.resolve(against) },
  { name: 'this checkout', checkout: here },
];
const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;

for (const kind of kinds) {
  const results = new Map<string, Round[]>(sides.map((s) => [s.name, []]));
  for (let r = 1; r <= rounds; r++) {
    for (const side of sides) {
      process.stdout.write(`${kind} round ${r}/${rounds}: ${side.name}… `);
      const run = spawnSync(process.execPath, ['--import', 'tsx', path.join(here, 'bench/lib/direct-booking-round.ts')], {
        cwd: here,
        env: { ...process.env, BENCH_CHECKOUT: side.checkout, BENCH_KIND: kind },
        encoding: 'utf8',
        maxBuffer: 64 * 2 ** 20,
      });
      const line = run.stdout.split('\n').find((l) => l.startsWith('{'));
      if (run.status !== 0 || !line) throw new Error(`${side.name} failed:\n${run.stderr.slice(-2000)}`);
      const round = JSON.parse(line) as Round;
      results.get(side.name)!.push(round);
      console.log(`${round.perSecond.toFixed(0)}/s, p99 ${round.p99.toFixed(0)} ms, Node ${round.nodeCpuMs.toFixed(2)} ms + PostgreSQL ${round.postgresCpuMs.toFixed(2)} ms CPU per booking`);
    }
  }
  const [before, after] = sides.map((s) => results.get(s.name)!);
  const m = (side: Round[], pick: (r: Round) => number) => median(side.map(pick));
  console.log(`\nbookStay() direct on ${kind}, medians of ${rounds} rounds (16 clients):`);
  console.log('| side | bookings/s | p99 ms | Node CPU ms/booking | PostgreSQL CPU ms/booking | errors |');
  console.log('|---|---:|---:|---:|---:|---:|');
  for (const side of sides) {
    const rs = results.get(side.name)!;
    console.log(`| ${side.name} | ${m(rs, (r) => r.perSecond).toFixed(0)} | ${m(rs, (r) => r.p99).toFixed(0)} | ${m(rs, (r) => r.nodeCpuMs).toFixed(2)} | ${m(rs, (r) => r.postgresCpuMs).toFixed(2)} | ${rs.reduce((a, r) => a + r.errors, 0)} |`);
  }
  const ratio = (pick: (r: Round) => number) => (m(after!, pick) / m(before!, pick)).toFixed(2);
  console.log(`| this ÷ before | ${ratio((r) => r.perSecond)} | ${ratio((r) => r.p99)} | ${ratio((r) => r.nodeCpuMs)} | ${ratio((r) => r.postgresCpuMs)} | |\n`);
}
