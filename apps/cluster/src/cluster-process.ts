import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { createInterface } from 'node:readline';
import { ClusterControl } from './control-client.ts';
import { nodeArgsFor } from './node-command.ts';

export interface ClusterProcess {
  edgeUrl: string;
  control: ClusterControl;
  /** The supervisor's and the instances' recent output, for a failure message. */
  recentLines: string[];
  stop(): Promise<number | null>;
}

/**
 * Starts `npm run start:cluster`'s entry point with `args` as a child of this process (for
 * tests and benchmarks) and resolves once the supervisor reports the cluster ready. Its
 * stdin is the lifeline: if this process dies, the cluster drains and exits with it.
 * `command` names another supervisor to run, e.g. a build's `dist/cluster/main.js`.
 */
export async function startCluster(
  args: string[],
  env: Record<string, string>,
  command: string[] = nodeArgsFor('apps/cluster/src/main.ts'),
): Promise<ClusterProcess> {
  const child: ChildProcess = spawn(process.execPath, [...command, ...args], {
    env: { ...process.env, ...env },
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  const exited = once(child, 'exit');
  const recentLines: string[] = [];
  const keep = (line: string) => {
    recentLines.push(line);
    if (recentLines.length > 300) recentLines.shift();
  };
  createInterface({ input: child.stderr! }).on('line', keep);
  const ready = new Promise<{ edge: string; control: string }>((resolve, reject) => {
    child.once('exit', (code) => reject(new Error(`the cluster exited with ${code} before it was ready:\n${recentLines.join('\n')}`)));
    createInterface({ input: child.stdout! }).on('line', (line) => {
      keep(line);
      if (!line.includes('"cluster ready at')) return;
      resolve(JSON.parse(line) as { edge: string; control: string });
    });
  });
  const { edge, control } = await ready;
  return {
    edgeUrl: edge,
    control: new ClusterControl(control),
    recentLines,
    async stop() {
      child.kill('SIGTERM');
      const [code] = await exited;
      return code as number | null;
    },
  };
}
