import { performance } from 'node:perf_hooks';
import { cpuSnapshot, cpuSpentByRole } from './cpu-by-process.ts';

export interface LoadResult {
  label: string;
  seconds: number;
  ok: number;
  rejected: number;
  errors: number;
  perSecond: number;
  p50: number;
  p95: number;
  p99: number;
  /** CPU seconds every process on the machine spent during the run, by role (edge, guest, postgres, …). */
  cpuSeconds?: Map<string, number>;
}

export interface LoadOptions {
  label: string;
  concurrency: number;
  durationMs: number;
  /** One request; resolves with an HTTP status (or the status it stands for). */
  request: (worker: number, n: number) => Promise<number>;
  /** Statuses that count as a correct refusal rather than a success (e.g. 409 sold out). */
  rejectedStatuses?: number[];
}

export const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0;

/**
 * Closed-loop load: `concurrency` clients each send the next request when the last one
 * answered, for a fixed time. Prints progress once a second; stops by itself.
 */
export async function runLoad(options: LoadOptions): Promise<LoadResult> {
  const latencies: number[] = [];
  let ok = 0;
  let rejected = 0;
  let errors = 0;
  const cpuBefore = cpuSnapshot();
  const started = performance.now();
  const deadline = started + options.durationMs;
  let lastReport = started;
  let lastCount = 0;
  const progress = setInterval(() => {
    const now = performance.now();
    const done = ok + rejected;
    process.stdout.write(
      `  ${options.label}: ${Math.round((now - started) / 1000)}s ${done} done, ${Math.round(((done - lastCount) * 1000) / (now - lastReport))}/s now, ${errors} errors\n`,
    );
    lastReport = now;
    lastCount = done;
  }, 1000);

  await Promise.all(
    Array.from({ length: options.concurrency }, async (_, worker) => {
      for (let n = 0; performance.now() < deadline; n++) {
        const t0 = performance.now();
        try {
          const status = await options.request(worker, n);
          latencies.push(performance.now() - t0);
          if (status >= 200 && status < 300) ok++;
          else if (options.rejectedStatuses?.includes(status)) rejected++;
          else errors++;
        } catch {
          errors++;
        }
      }
    }),
  );
  clearInterval(progress);
  const seconds = (performance.now() - started) / 1000;
  const cpuSeconds = cpuSpentByRole(cpuBefore, cpuSnapshot());
  latencies.sort((a, b) => a - b);
  return {
    label: options.label,
    seconds,
    ok,
    rejected,
    errors,
    perSecond: ok / seconds,
    p50: percentile(latencies, 50),
    p95: percentile(latencies, 95),
    p99: percentile(latencies, 99),
    cpuSeconds,
  };
}

export function printTable(results: LoadResult[], baseline?: LoadResult): void {
  console.log('\n| run | ok/s | ok | refused (409) | errors | p50 ms | p99 ms | ratio |');
  console.log('|---|---:|---:|---:|---:|---:|---:|---:|');
  for (const r of results) {
    const ratio = baseline ? (r.perSecond / baseline.perSecond).toFixed(2) : '';
    console.log(
      `| ${r.label} | ${r.perSecond.toFixed(0)} | ${r.ok} | ${r.rejected} | ${r.errors} | ${r.p50.toFixed(1)} | ${r.p99.toFixed(1)} | ${ratio} |`,
    );
  }
}

/**
 * Where each operation's CPU went: milliseconds of CPU per answered request, by process
 * role, over every process on the machine (the load generator included, as its own row).
 * Roles spending less than 0.05 ms per request in every run are left out.
 */
export function printCpuTable(results: LoadResult[]): void {
  const perRequest = results.map((r) => {
    const answered = Math.max(1, r.ok + r.rejected);
    return new Map([...(r.cpuSeconds ?? [])].map(([role, s]) => [role, (s * 1000) / answered]));
  });
  const roles = [...new Set(perRequest.flatMap((m) => [...m.keys()]))]
    .filter((role) => perRequest.some((m) => (m.get(role) ?? 0) >= 0.05))
    .sort((a, b) => Math.max(...perRequest.map((m) => m.get(b) ?? 0)) - Math.max(...perRequest.map((m) => m.get(a) ?? 0)));
  console.log(`\nCPU ms per answered request, by process (${roles.length} roles; cores used = CPU s ÷ wall s):`);
  console.log(`| run | ${roles.join(' | ')} | total | cores used |`);
  console.log(`|---|${roles.map(() => '---:').join('|')}|---:|---:|`);
  results.forEach((r, i) => {
    const cells = roles.map((role) => (perRequest[i]!.get(role) ?? 0).toFixed(2));
    const total = [...perRequest[i]!.values()].reduce((a, b) => a + b, 0);
    const cores = [...(r.cpuSeconds?.values() ?? [])].reduce((a, b) => a + b, 0) / r.seconds;
    console.log(`| ${r.label} | ${cells.join(' | ')} | ${total.toFixed(2)} | ${cores.toFixed(2)} |`);
  });
}
