import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { freePort } from './free-port.ts';
import { nodeArgsFor } from './node-command.ts';
import { waitUntilReady } from './readiness.ts';

export interface AppProcess {
  child: ChildProcess;
  url: string;
  /** Sends the signal and resolves once the process has exited. */
  kill(signal: NodeJS.Signals): Promise<void>;
}

/**
 * Starts one app's main.ts alone, as the cluster does (built or through tsx, and the exit-with-parent
 * lifeline), in the given working directory on a free port; resolves once it is ready.
 * For tests and benchmarks that need a single instance of their own. Its output goes to
 * this process's.
 */
export async function startAppProcess(app: string, cwd: string, env: Record<string, string>): Promise<AppProcess> {
  const port = await freePort();
  const child = spawn(process.execPath, nodeArgsFor(`apps/${app}/src/main.ts`), {
    cwd,
    env: { ...process.env, ...env, PORT: String(port) },
    stdio: ['pipe', 'inherit', 'inherit'],
  });
  const exited = once(child, 'exit');
  const url = `http://127.0.0.1:${port}`;
  await waitUntilReady({ url: `${url}/readyz` }, { timeoutMs: 300_000, isGone: () => child.exitCode !== null || child.signalCode !== null });
  return {
    child,
    url,
    async kill(signal) {
      child.kill(signal);
      await exited;
    },
  };
}
