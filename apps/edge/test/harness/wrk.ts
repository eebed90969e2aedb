import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

export interface WrkOptions {
  /** Base URL, e.g. http://127.0.0.1:41234 */
  base: string;
  /** Paths requested in turn by every connection (a 90/10 mix is nine of one kind and one of the other). */
  paths: string[];
  connections: number;
  threads: number;
  seconds: number;
}

export interface WrkResult {
  requests: number;
  perSecond: number;
  p50Ms: number;
  p99Ms: number;
  /** Responses with a status outside 2xx/3xx, plus connect/read/write/timeout errors. */
  errors: number;
}

const UNIT_MS: Record<string, number> = { us: 0.001, ms: 1, s: 1000, m: 60_000 };

function durationMs(text: string): number {
  const match = /^([\d.]+)(us|ms|s|m)$/.exec(text);
  if (!match) throw new Error(`wrk printed a latency I cannot read: ${text}`);
  return Number(match[1]) * UNIT_MS[match[2]!]!;
}

/** Reads wrk's `--latency` report (no Lua done() hook: its text is stable across wrk 4.x). */
export function parseWrkReport(report: string): WrkResult {
  const percentile = (p: number) => {
    const match = new RegExp(`^\\s+${p}%\\s+(\\S+)`, 'm').exec(report);
    if (!match) throw new Error(`no ${p}% line in wrk's report:\n${report}`);
    return durationMs(match[1]!);
  };
  const requests = /(\d+) requests in/.exec(report);
  const perSecond = /Requests\/sec:\s+([\d.]+)/.exec(report);
  if (!requests || !perSecond) throw new Error(`wrk's report has no totals:\n${report}`);
  const non2xx = Number(/Non-2xx or 3xx responses: (\d+)/.exec(report)?.[1] ?? 0);
  const socket = /Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)/.exec(report);
  const socketErrors = socket ? socket.slice(1).reduce((sum, n) => sum + Number(n), 0) : 0;
  return {
    requests: Number(requests[1]),
    perSecond: Number(perSecond[1]),
    p50Ms: percentile(50),
    p99Ms: percentile(99),
    errors: non2xx + socketErrors,
  };
}

/** One wrk run; its paths rotate through a small Lua request() hook, the report is parsed from its text. */
export async function runWrk(options: WrkOptions): Promise<WrkResult> {
  const dir = mkdtempSync(path.join(tmpdir(), 'hatago-wrk-'));
  try {
    const script = path.join(dir, 'paths.lua');
    writeFileSync(
      script,
      `local paths = { ${options.paths.map((p) => JSON.stringify(p)).join(', ')} }
local i = math.random(#paths)
request = function()
  i = i % #paths + 1
  return wrk.format(nil, paths[i])
end
`,
    );
    const report = await new Promise<string>((resolve, reject) => {
      const child = spawn(
        'wrk',
        ['--latency', '-t', String(options.threads), '-c', String(options.connections), '-d', `${options.seconds}s`, '-s', script, options.base],
        { stdio: ['ignore', 'pipe', 'pipe'] },
      );
      let out = '';
      child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
      child.stderr.on('data', (chunk: Buffer) => (out += chunk.toString()));
      child.once('error', reject);
      child.once('close', (code) => (code === 0 ? resolve(out) : reject(new Error(`wrk exited ${code}:\n${out}`))));
    });
    return parseWrkReport(report);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
