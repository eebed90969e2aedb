import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { freePort } from './free-port.ts';
import { startServerProcess } from './child-process.ts';

export interface RunningVarnish {
  /** The public listener, e.g. http://127.0.0.1:41234 */
  url: string;
  /** The listener named "admin" (`local.socket == "admin"` in the VCL): purges are only accepted there. */
  adminUrl: string;
  /** Everything varnishd printed, for failure messages. */
  output: () => string;
  stop: () => Promise<void>;
}

export interface VarnishOptions {
  vcl: string;
  /** Extra `-p name=value` run-time parameters (thread pools for the bench, …). */
  params?: Record<string, string>;
  /** Cache size for `-s malloc,<size>`. */
  storage?: string;
  /** Environment of varnishd (the VCL reads the purge token with std.getenv). */
  env?: Record<string, string>;
}

// a small varnishd for tests on a shared 2-core machine; the bench passes its own
const TEST_PARAMS: Record<string, string> = {
  thread_pools: '1',
  thread_pool_min: '10',
  thread_pool_max: '200',
  vsl_space: '4M',
};

const workDir = (purpose: string) => mkdtempSync(path.join(tmpdir(), `hatago-varnish-${purpose}-`));

/**
 * `-j none` keeps every varnishd process as the invoking user: as root (CI containers) the
 * default `unix` jail would need the varnish user to own the working directory, and as
 * another user no jail is possible anyway.
 */
const JAIL = ['-j', 'none'];

function runToEnd(command: string, args: string[]): Promise<{ code: number | null; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.once('error', reject);
    child.once('close', (code) => resolve({ code, stderr }));
  });
}

/** `varnishd -C`: compiles the VCL to C exactly as a start would; throws varnishd's own message when it does not compile. */
export async function checkVcl(vcl: string): Promise<void> {
  const dir = workDir('check');
  try {
    const file = path.join(dir, 'edge.vcl');
    writeFileSync(file, vcl);
    const { code, stderr } = await runToEnd('varnishd', [...JAIL, '-C', '-n', path.join(dir, 'n'), '-f', file]);
    if (code !== 0) throw new Error(`varnishd -C refused the VCL (exit ${code}):\n${stderr}`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/**
 * A real varnishd in the foreground (-F) as a child of this process, on two free loopback
 * ports (public and "admin"), with its own -n directory that is removed when it stops.
 */
export async function startVarnish(options: VarnishOptions): Promise<RunningVarnish> {
  const dir = workDir('run');
  const file = path.join(dir, 'edge.vcl');
  writeFileSync(file, options.vcl);
  const [port, adminPort] = [await freePort(), await freePort()];
  const params = { ...TEST_PARAMS, ...options.params };
  const args = [
    '-F',
    ...JAIL,
    '-n', path.join(dir, 'n'),
    '-a', `public=127.0.0.1:${port}`,
    '-a', `admin=127.0.0.1:${adminPort}`,
    '-f', file,
    '-s', `malloc,${options.storage ?? '256m'}`,
    ...Object.entries(params).flatMap(([name, value]) => ['-p', `${name}=${value}`]),
  ];
  const server = startServerProcess('varnishd', args, { cleanupDir: dir, ...(options.env ? { env: options.env } : {}) });
  try {
    // the manager binds the sockets before the child runs; the child accepts once it said so
    await server.waitForOutput(/Child \(\d+\) said Child starts/, 30_000);
  } catch (error) {
    await server.stop();
    throw error;
  }
  return {
    url: `http://127.0.0.1:${port}`,
    adminUrl: `http://127.0.0.1:${adminPort}`,
    output: server.output,
    stop: () => server.stop(),
  };
}
