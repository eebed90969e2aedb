import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { freePort } from './free-port.ts';
import { startServerProcess } from './child-process.ts';

export interface RunningNginx {
  url: string;
  stop: () => Promise<void>;
}

export interface NginxCacheOptions {
  /** The origin every location proxies to. */
  origin: URL;
  /** Path prefixes proxied without the cache. */
  passPrefixes: string[];
  /** How long a 200 stays fresh when the origin does not say (it does in the bench). */
  defaultTtlSeconds: number;
  workers: number;
}

/**
 * nginx with proxy_cache in the foreground, configured in a temp directory (cache, temp
 * paths, pid and logs all inside it), as the third runtime of the edge bench.
 */
export async function startNginxCache(options: NginxCacheOptions): Promise<RunningNginx> {
  const dir = mkdtempSync(path.join(tmpdir(), 'hatago-nginx-'));
  for (const sub of ['cache', 'temp']) mkdirSync(path.join(dir, sub));
  const port = await freePort();
  const upstream = `server ${options.origin.hostname}:${options.origin.port};`;
  const proxied = `proxy_pass http://origin;
      proxy_http_version 1.1;
      proxy_set_header Connection "";
      proxy_set_header Host $host;`;
  const config = `
${process.getuid?.() === 0 ? 'user root;' : ''}
worker_processes ${options.workers};
pid ${dir}/nginx.pid;
error_log stderr warn;
events { worker_connections 4096; }
http {
  access_log off;
  client_body_temp_path ${dir}/temp/body;
  proxy_temp_path ${dir}/temp/proxy;
  fastcgi_temp_path ${dir}/temp/fastcgi;
  uwsgi_temp_path ${dir}/temp/uwsgi;
  scgi_temp_path ${dir}/temp/scgi;
  proxy_cache_path ${dir}/cache levels=1:2 keys_zone=edge:16m max_size=256m inactive=10m use_temp_path=off;
  upstream origin { ${upstream} keepalive 128; }
  server {
    listen 127.0.0.1:${port} backlog=4096;
${options.passPrefixes.map((prefix) => `    location ^~ ${prefix} { ${proxied} add_header X-Cache PASS; }`).join('\n')}
    location / {
      ${proxied}
      proxy_cache edge;
      proxy_cache_key $scheme$host$request_uri;
      proxy_cache_valid 200 ${options.defaultTtlSeconds}s;
      proxy_cache_lock on;
      add_header X-Cache $upstream_cache_status;
    }
  }
}
`;
  const file = path.join(dir, 'nginx.conf');
  writeFileSync(file, config);
  const server = startServerProcess('nginx', ['-p', dir, '-c', file, '-e', 'stderr', '-g', 'daemon off;'], { cleanupDir: dir });
  try {
    await waitUntilAnswers(`http://127.0.0.1:${port}/`, server);
  } catch (error) {
    await server.stop();
    throw error;
  }
  return { url: `http://127.0.0.1:${port}`, stop: () => server.stop() };
}

/** nginx prints nothing when it is ready: ask it until it answers (any status), or report how it died. */
async function waitUntilAnswers(url: string, server: ReturnType<typeof startServerProcess>): Promise<void> {
  const deadline = Date.now() + 15_000;
  for (;;) {
    if (server.child.exitCode !== null) throw new Error(`nginx exited before it answered:\n${server.output()}`);
    try {
      await fetch(url, { method: 'HEAD' });
      return;
    } catch (error) {
      if (Date.now() > deadline) throw new Error(`nginx did not answer ${url}: ${(error as Error).message}\n${server.output()}`);
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }
}
