import { type ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { once } from 'node:events';
import net from 'node:net';

/**
 * The shared test Redis (scripts/test.sh starts it and sets TEST_REDIS_URL). In CI its
 * absence is an error, not a silent skip; elsewhere a private server is started instead.
 */
export async function testRedisUrl(): Promise<string> {
  const url = process.env.TEST_REDIS_URL;
  if (url) return url;
  if (process.env.CI) throw new Error('TEST_REDIS_URL must be set in CI so the Redis tests run');
  shared ??= startRedisServer();
  return (await shared).url;
}
let shared: Promise<RedisServer> | undefined;

/** Keys of one test run, so runs sharing a Redis never see each other's keys or messages. */
export const testKeyPrefix = () => `hatago-test-${randomBytes(6).toString('hex')}:`;

export interface RedisServer {
  url: string;
  port: number;
  /** SIGSTOP: the server keeps its connections open but answers nothing (a hung Redis). */
  pause(): void;
  resume(): void;
  /** SIGKILL, and waits until the process is gone. */
  kill(): Promise<void>;
}

/** A redis-server child process of its own on a free port, without persistence. */
export async function startRedisServer(port?: number): Promise<RedisServer> {
  const chosen = port ?? (await freePort());
  const child = spawn('redis-server', ['--bind', '127.0.0.1', '--port', String(chosen), '--save', '', '--appendonly', 'no'], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  await untilReady(child);
  const exited = once(child, 'exit');
  process.once('exit', () => child.kill('SIGKILL'));
  return {
    url: `redis://127.0.0.1:${chosen}`,
    port: chosen,
    pause: () => child.kill('SIGSTOP'),
    resume: () => child.kill('SIGCONT'),
    async kill() {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
      await exited;
    },
  };
}

function untilReady(child: ChildProcess): Promise<void> {
  return new Promise((resolve, reject) => {
    let output = '';
    child.once('error', reject);
    child.once('exit', (code) => reject(new Error(`redis-server exited (${code}): ${output.slice(-500)}`)));
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      if (!output.includes('Ready to accept connections')) return;
      child.stdout!.off('data', onData);
      child.stdout!.resume();
      resolve();
    };
    child.stdout!.on('data', onData);
  });
}

async function freePort(): Promise<number> {
  const server = net.createServer();
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address() as net.AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}
