import { chmod, mkdir, rm } from 'node:fs/promises';
import http from 'node:http';
import path from 'node:path';
import { SCALED_APPS } from './cluster-layout.ts';
import type { RollTarget, Supervisor } from './supervisor.ts';

const ROLL_PATH = /^\/roll\/([a-z]+)$/;

/**
 * The supervisor's control endpoint: HTTP on a unix socket that only the owner may open
 * (the directory is 0700, the socket 0600), so the file system is the access control and
 * nothing listens on a TCP port.
 *   GET  /status        every process: id, url, pid, state, restarts
 *   POST /roll/<app|all> a rolling restart, its progress streamed as text lines
 */
export async function startControlServer(socketPath: string, supervisor: Supervisor): Promise<http.Server> {
  await mkdir(path.dirname(socketPath), { recursive: true, mode: 0o700 });
  await rm(socketPath, { force: true });
  const server = http.createServer((req, res) => {
    if (req.method === 'GET' && req.url === '/status') {
      res.setHeader('content-type', 'application/json');
      res.end(JSON.stringify({ edge: supervisor.edgeUrl, processes: supervisor.status() }));
      return;
    }
    const target = req.method === 'POST' ? ROLL_PATH.exec(req.url ?? '')?.[1] : undefined;
    if (!target || !(target === 'all' || (SCALED_APPS as readonly string[]).includes(target))) {
      res.statusCode = 404;
      res.end(`use GET /status or POST /roll/<${[...SCALED_APPS, 'all'].join('|')}>\n`);
      return;
    }
    if (supervisor.isRolling) {
      res.statusCode = 409;
      res.end('a rolling restart is already running\n');
      return;
    }
    // the head goes first: the roll reports its first step before it returns
    res.writeHead(200, { 'content-type': 'text/plain; charset=utf-8' });
    supervisor.roll(target as RollTarget, (line) => res.write(`${line}\n`)).then(
      () => res.end('done\n'),
      (error: Error) => res.end(`failed: ${error.message}\n`),
    );
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(socketPath, resolve);
  });
  await chmod(socketPath, 0o600);
  return server;
}
