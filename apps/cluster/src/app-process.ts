import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { createInterface } from 'node:readline';
import { nodeArgsFor } from './node-command.ts';

export interface AppProcess {
  child: ChildProcess;
  url: string;
  /** Sends the signal and resolves once the process has exited. */
  kill(signal: NodeJS.Signals): Promise<void>;
}

/**
 * Starts one app's main.ts alone, as the cluster does (tsx and the exit-with-parent
 * lifeline), in the given working directory on a free port; resolves with its address once
 * it listens. For tests and benchmarks that need a single instance of their own.
 */
export function startAppProcess(app: string, cwd: string, env: Record<string, string>): Promise<AppProcess> {
  const child = spawn(process.execPath, nodeArgsFor(`apps/${app}/src/main.ts`), {
    cwd,
    env: { ...process.env, PORT: '0', LOG_LEVEL: 'info', ...env },
    stdio: ['pipe', 'pipe', 'inherit'],
  });
  const exited = once(child, 'exit');
  return new Promise((resolve, reject) => {
    child.once('exit', (code) => reject(new Error(`${app} exited with ${code} before listening`)));
    createInterface({ input: child.stdout! }).on('line', (line) => {
      const match = /listening at (http:\/\/127\.0\.0\.1:\d+)/.exec(line);
      if (!match) return;
      resolve({
        child,
        url: match[1]!,
        async kill(signal) {
          child.kill(signal);
          await exited;
        },
      });
    });
  });
}
