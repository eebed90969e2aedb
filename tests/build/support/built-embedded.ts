import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { REPO_ROOT } from '@hatago/cluster';

export interface BuiltEmbedded {
  url: string;
  child: ChildProcess;
  stop(): Promise<number | null>;
}

/** `npm run start:built`'s Node arguments (its preload and entry point), with its dist/ replaced by `distDir`. */
function startBuiltArgs(distDir: string): string[] {
  const { scripts } = JSON.parse(readFileSync(path.join(REPO_ROOT, 'package.json'), 'utf8')) as { scripts: Record<string, string> };
  const [node, ...args] = scripts['start:built']!.split(' ');
  if (node !== 'node') throw new Error(`start:built no longer runs plain node: ${scripts['start:built']}`);
  return args.map((arg) => arg.replace(/^(\.\/)?dist\//, `${distDir}/`));
}

/**
 * What `npm run start:built` runs (`node --import …/telemetry-preload.js …/main.js`), from
 * `distDir`, in `cwd` on a free port, with plain Node and no loader; resolves with its URL
 * once it logs that it is up.
 */
export async function startBuiltEmbedded(distDir: string, cwd: string, env: Record<string, string>): Promise<BuiltEmbedded> {
  const child = spawn(process.execPath, startBuiltArgs(distDir), {
    cwd,
    env: { PATH: process.env.PATH ?? '', PORT: '0', HOST: '127.0.0.1', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const exited = once(child, 'exit');
  const lines: string[] = [];
  createInterface({ input: child.stderr! }).on('line', (line) => lines.push(line));
  const url = await new Promise<string>((resolve, reject) => {
    const deadline = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`the built embedded platform was not up within 120 s:\n${lines.join('\n')}`));
    }, 120_000);
    child.once('exit', (code) => reject(new Error(`the built embedded platform exited with ${code}:\n${lines.join('\n')}`)));
    createInterface({ input: child.stdout! }).on('line', (line) => {
      lines.push(line);
      if (!line.includes('Hatago is up')) return;
      clearTimeout(deadline);
      resolve((JSON.parse(line) as { url: string }).url);
    });
  });
  return {
    url,
    child,
    async stop() {
      child.kill('SIGTERM');
      const [code] = await exited;
      return code as number | null;
    },
  };
}
