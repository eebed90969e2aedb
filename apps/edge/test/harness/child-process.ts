import { type ChildProcess, spawn } from 'node:child_process';
import { rmSync } from 'node:fs';

/** A foreground server process (varnishd -F, nginx 'daemon off'), its output kept for error messages. */
export interface ServerProcess {
  child: ChildProcess;
  /** Everything it wrote so far, stdout and stderr interleaved. */
  output: () => string;
  /** Resolves when a line of its output matches; rejects when it exits first or the deadline passes. */
  waitForOutput: (pattern: RegExp, deadlineMs: number) => Promise<void>;
  /** SIGTERM, then SIGKILL if it is still there after `graceMs`; resolves when it has exited. */
  stop: (graceMs?: number) => Promise<void>;
}

const running = new Set<ChildProcess>();
// a test that fails, or a bench interrupted by Ctrl-C, must not leave a varnishd behind
process.once('exit', () => {
  for (const child of running) child.kill('SIGKILL');
});
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    for (const child of running) child.kill('SIGKILL');
    process.exit(130);
  });
}

export interface ServerProcessOptions {
  /** Removed when the process has exited. */
  cleanupDir?: string;
  env?: Record<string, string>;
  /** Discard stdout (an access log under load would fill memory); stderr is still kept. */
  dropStdout?: boolean;
}

export function startServerProcess(command: string, args: string[], options: ServerProcessOptions = {}): ServerProcess {
  const { cleanupDir } = options;
  const child = spawn(command, args, { stdio: ['ignore', options.dropStdout ? 'ignore' : 'pipe', 'pipe'], env: { ...process.env, ...options.env } });
  running.add(child);
  let output = '';
  const listeners = new Set<() => void>();
  const collect = (chunk: Buffer) => {
    output += chunk.toString();
    for (const listener of listeners) listener();
  };
  child.stdout?.on('data', collect);
  child.stderr!.on('data', collect);
  // spawn failures (command missing) arrive as 'error' without an 'exit'
  let spawnError: Error | undefined;
  const exited = new Promise<void>((resolve) => {
    const gone = () => {
      running.delete(child);
      if (cleanupDir) rmSync(cleanupDir, { recursive: true, force: true });
      for (const listener of listeners) listener();
      resolve();
    };
    child.once('exit', gone);
    child.once('error', (error) => {
      spawnError = error;
      gone();
    });
  });

  return {
    child,
    output: () => output,
    waitForOutput(pattern, deadlineMs) {
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => finish(new Error(`${command} did not print ${pattern} within ${deadlineMs} ms:\n${output}`)), deadlineMs);
        const check = () => {
          if (pattern.test(output)) finish();
          else if (spawnError) finish(new Error(`${command} could not start: ${spawnError.message}`));
          else if (child.exitCode !== null || child.signalCode !== null)
            finish(new Error(`${command} exited (${child.exitCode ?? child.signalCode}) before it was ready:\n${output}`));
        };
        function finish(error?: Error) {
          clearTimeout(timer);
          listeners.delete(check);
          if (error) reject(error);
          else resolve();
        }
        listeners.add(check);
        check();
      });
    },
    async stop(graceMs = 5000) {
      if (child.exitCode === null && child.signalCode === null && !spawnError) {
        child.kill('SIGTERM');
        const killer = setTimeout(() => child.kill('SIGKILL'), graceMs);
        await exited;
        clearTimeout(killer);
      } else {
        await exited;
      }
    },
  };
}
