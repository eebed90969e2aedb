import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { runWrk } from '../../apps/edge/test/harness/wrk.ts';
import { monotonicUs, STAGE_NAMES, stageCosts } from './cpu-stages.ts';

/** A Node runtime started as one process with the given extra node arguments. */
export type ProfiledStart = (nodeArgs: string[]) => Promise<{ name: string; base: string; stop: () => Promise<void> }>;

// finer than V8's default 1 ms, so a stage of a few µs per request gets samples
const SAMPLING_US = 100;

/**
 * Each runtime alone in one process with the profiler on, answering the same hits (wrk -t1
 * -c32) for `seconds`; then its CPU per hit by stage of the request path, side by side.
 * One process, so the profile holds every request; the throughput of this run is not the
 * bench's (the profiler costs a few per cent), the split is what it is for.
 */
export async function profileHitStages(starts: ProfiledStart[], paths: string[], seconds: number, log: (line: string) => void): Promise<void> {
  const columns: Array<{ name: string; costs: Map<string, number>; perSecond: number }> = [];
  for (const start of starts) {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'hatago-hit-stages-'));
    try {
      const runtime = await start(['--cpu-prof', `--cpu-prof-dir=${dir}`, `--cpu-prof-interval=${SAMPLING_US}`]);
      let window = { fromUs: 0, toUs: 0 };
      let requests = 0;
      let perSecond = 0;
      try {
        // warm: the JIT compiles the hit path before the window opens
        await runWrk({ base: runtime.base, paths, connections: 32, threads: 1, seconds: 2 });
        log(`stage profile, ${runtime.name}: hits for ${seconds}s in one process…`);
        const fromUs = monotonicUs();
        const result = await runWrk({ base: runtime.base, paths, connections: 32, threads: 1, seconds });
        window = { fromUs, toUs: monotonicUs() };
        requests = result.requests;
        perSecond = result.perSecond;
      } finally {
        // the profile is written as the process exits
        await runtime.stop();
      }
      columns.push({ name: runtime.name, costs: stageCosts(dir, window, requests), perSecond });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }
  log('\nCPU per cache hit by stage (µs, one process each under the profiler, self time of the sampled functions):');
  log(`| stage | ${columns.map((c) => c.name).join(' | ')} |`);
  log(`|---|${columns.map(() => '---:').join('|')}|`);
  for (const stage of STAGE_NAMES) log(`| ${stage} | ${columns.map((c) => c.costs.get(stage)!.toFixed(1)).join(' | ')} |`);
  const total = (c: (typeof columns)[number]) => [...c.costs.values()].reduce((a, b) => a + b, 0);
  log(`| **total** | ${columns.map((c) => `**${total(c).toFixed(1)}**`).join(' | ')} |`);
  log(`| hits/s under the profiler | ${columns.map((c) => Math.round(c.perSecond)).join(' | ')} |`);
}
