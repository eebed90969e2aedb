import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { createInterface } from 'node:readline';

export interface PgbenchRun {
  /** Transactions pgbench finished (committed or rolled back by the script). */
  processed: number;
  failed: number;
  seconds: number;
  /** Every transaction's latency, ms, sorted. */
  latenciesMs: number[];
}

/**
 * Runs PostgreSQL's own pgbench with a custom script against `url` for a fixed time and the
 * given number of clients, printing its progress each second. Latencies come from its
 * per-transaction log (-l), so percentiles are computed the same way as for the HTTP loads.
 */
export async function runPgbench(options: {
  label: string;
  url: string;
  script: string;
  clients: number;
  seconds: number;
  defines: Record<string, string | number>;
}): Promise<PgbenchRun> {
  const logDir = await mkdtemp(path.join(os.tmpdir(), 'hatago-pgbench-'));
  try {
    const args = ['-n', '-f', options.script, '-c', String(options.clients), '-j', String(Math.min(options.clients, os.cpus().length)), '-T', String(options.seconds), '-P', '1', '-l'];
    for (const [name, value] of Object.entries(options.defines)) args.push('-D', `${name}=${value}`);
    const child = spawn('pgbench', [...args, options.url], { cwd: logDir, stdio: ['ignore', 'pipe', 'pipe'] });
    let report = '';
    child.stdout.on('data', (chunk: Buffer) => (report += chunk));
    createInterface({ input: child.stderr }).on('line', (line) => process.stdout.write(`  ${options.label}: ${line}\n`));
    const [code] = await once(child, 'exit');
    if (code !== 0) throw new Error(`pgbench exited with ${code}:\n${report}`);
    const number = (pattern: RegExp) => Number(pattern.exec(report)?.[1] ?? NaN);
    const latenciesMs: number[] = [];
    for (const file of await readdir(logDir)) {
      // one line per transaction: client_id transaction_no time_us script_no epoch epoch_us
      for (const line of (await readFile(path.join(logDir, file), 'utf8')).split('\n')) {
        const micros = Number(line.split(' ')[2]);
        if (Number.isFinite(micros)) latenciesMs.push(micros / 1000);
      }
    }
    latenciesMs.sort((a, b) => a - b);
    return {
      processed: number(/number of transactions actually processed: (\d+)/),
      failed: number(/number of failed transactions: (\d+)/),
      seconds: number(/duration: (\d+) s/),
      latenciesMs,
    };
  } finally {
    await rm(logDir, { recursive: true, force: true });
  }
}
