import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { after, before, describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { testKeyPrefix, testRedisUrl } from '@hatago/cache/testing';
import { closeAll, listen } from '../test/harness/test-origins.ts';

const mainFile = fileURLToPath(new URL('./main.ts', import.meta.url));
const configFile = fileURLToPath(new URL('../../../config/edge.ts', import.meta.url));
const rulesModule = fileURLToPath(new URL('../../../packages/edge-rules/src/index.ts', import.meta.url));

/** The edge's stdout as parsed JSON lines, with a way to wait for the next line that matches. */
function jsonLines(child: ChildProcess) {
  const seen: Array<Record<string, unknown>> = [];
  const waiters: Array<{ test: (line: Record<string, unknown>) => boolean; resolve: (line: Record<string, unknown>) => void }> = [];
  createInterface({ input: child.stdout! }).on('line', (text) => {
    let line: Record<string, unknown>;
    try {
      line = JSON.parse(text) as Record<string, unknown>;
    } catch {
      return;
    }
    seen.push(line);
    for (const waiter of [...waiters]) {
      if (waiter.test(line)) {
        waiters.splice(waiters.indexOf(waiter), 1);
        waiter.resolve(line);
      }
    }
  });
  return {
    next: (test: (line: Record<string, unknown>) => boolean) => new Promise<Record<string, unknown>>((resolve) => waiters.push({ test, resolve })),
  };
}

const isJson = (text: string) => {
  try {
    JSON.parse(text);
    return true;
  } catch {
    return false;
  }
};

describe('standalone edge process', () => {
  let dir: string;
  let rulesFile: string;
  let source: string;
  let release: () => void = () => undefined;
  const origin = http.createServer((req, res) => {
    if (req.url === '/hold') return void new Promise<void>((resolve) => (release = resolve)).then(() => res.end('held'));
    res.end(`origin ${req.url}`);
  });
  let child: ChildProcess;
  let lines: ReturnType<typeof jsonLines>;
  let edgeUrl: string;
  const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });

  /** GET over the one kept-alive connection; reports whether the socket was reused. */
  const get = (pathname: string) =>
    new Promise<{ status: number; body: string; reused: boolean }>((resolve, reject) => {
      const req = http.get(`${edgeUrl}${pathname}`, { agent }, (res) => {
        let body = '';
        res.on('data', (c) => (body += c));
        res.on('end', () => resolve({ status: res.statusCode!, body, reused: req.reusedSocket }));
      });
      req.on('error', reject);
    });

  before(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'hatago-edge-main-'));
    rulesFile = path.join(dir, 'edge.ts');
    source = (await readFile(configFile, 'utf8')).replace("'@hatago/edge-rules'", JSON.stringify(rulesModule));
    await writeFile(rulesFile, source);
    const originUrl = await listen(origin);
    child = spawn(process.execPath, ['--import', 'tsx', mainFile], {
      env: { ...process.env, PORT: '0', LOG_LEVEL: 'info', EDGE_RULES: rulesFile, EDGE_BACKENDS: JSON.stringify({ guest: [originUrl] }) },
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    lines = jsonLines(child);
    const listening = await lines.next((line) => line.msg === 'edge listening');
    edgeUrl = `http://127.0.0.1:${listening.port}`;
  });
  after(async () => {
    release();
    agent.destroy();
    if (child.exitCode === null) {
      child.kill('SIGTERM');
      await once(child, 'exit');
    }
    await closeAll(origin);
    await rm(dir, { recursive: true, force: true });
  });

  const reload = async (text: string, outcome: 'rules reloaded' | 'rules refused; keeping the previous rules') => {
    await writeFile(rulesFile, text);
    const done = lines.next((line) => line.msg === 'rules reloaded' || line.msg === 'rules refused; keeping the previous rules');
    child.kill('SIGHUP');
    const line = await done;
    assert.equal(line.msg, outcome);
    return line;
  };

  const WORKERS_TOKEN = 'workers-admin-token-0123';
  /** The edge as a primary with two worker processes on one port, in front of one guest origin. */
  const startTwoWorkers = async (guestOrigin: string, extraEnv: Record<string, string> = {}) => {
    await writeFile(rulesFile, source);
    const workers = spawn(process.execPath, ['--import', 'tsx', mainFile], {
      env: {
        ...process.env,
        PORT: '0',
        LOG_LEVEL: 'info',
        EDGE_WORKERS: '2',
        EDGE_ADMIN_PORT: '0',
        EDGE_ADMIN_TOKEN: WORKERS_TOKEN,
        EDGE_RULES: rulesFile,
        EDGE_BACKENDS: JSON.stringify({ guest: [guestOrigin] }),
        ...extraEnv,
      },
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    const output = jsonLines(workers);
    const listening = [output.next((line) => line.msg === 'edge listening'), output.next((line) => line.msg === 'edge listening')];
    // asked for before waiting on anything: next() sees only lines still to come, and the admin line may come first
    const admin = output.next((line) => line.msg === 'edge admin listening');
    // with Redis, each worker counts there once connected (before that, without it)
    const counting = extraEnv.REDIS_URL ? [1, 2].map(() => output.next((line) => line.msg === 'rate limits counted in Redis')) : [];
    await Promise.all(counting);
    const adminLine = await admin;
    const [first] = await Promise.all(listening);
    return { workers, output, edgeUrl: `http://127.0.0.1:${first!.port}`, adminUrl: `http://127.0.0.1:${adminLine.port}` };
  };

  it('reloads the rules on SIGHUP without dropping a kept-alive connection or an in-flight request', async () => {
    assert.equal((await get('/book')).body, 'origin /book');
    const held = get('/hold');
    const sideAgent = new http.Agent({ keepAlive: true });
    try {
      await reload(source.replace('enabled: false,', 'enabled: true,'), 'rules reloaded');
      const maintenance = await new Promise<number>((resolve) => http.get(`${edgeUrl}/book`, { agent: sideAgent }, (res) => (res.resume(), resolve(res.statusCode!))));
      assert.equal(maintenance, 503, 'the switched-on maintenance route answers at once');
      release();
      assert.deepEqual(await held, { status: 200, body: 'held', reused: true }, 'the request in flight during the reload completes');
      const after = await get('/book');
      assert.equal(after.status, 503);
      assert.equal(after.reused, true, 'the same connection carries on under the new rules');
    } finally {
      sideAgent.destroy();
    }
  });

  it('refuses a wrong file on SIGHUP with its line and keeps serving with the previous rules', async () => {
    const from = "backend: 'mailer'";
    const line = source.slice(0, source.indexOf(from)).split('\n').length;
    const refused = await reload(source.replace('enabled: false,', 'enabled: true,').replace(from, "backend: 'mailr'"), 'rules refused; keeping the previous rules');
    const problems = refused.problems as string[];
    assert.equal(problems.length, 1);
    assert.match(problems[0]!, new RegExp(`edge\\.ts:${line} routes\\[\\d+\\]\\.backend: "mailr" is not a declared backend`));
    const still = await get('/book');
    assert.equal(still.status, 503, 'the maintenance route of the previous rules still answers');
    assert.equal(still.reused, true);
  });

  it('runs several worker processes on one port and reports metrics for all of them together', async () => {
    const { workers, edgeUrl: url, adminUrl } = await startTwoWorkers(`http://127.0.0.1:${(origin.address() as { port: number }).port}`);
    try {
      // a new connection per request: the primary hands connections to the workers in turn
      for (let i = 0; i < 40; i++) {
        const res = await fetch(`${url}/worker-check`, { headers: { connection: 'close' } });
        assert.equal(await res.text(), 'origin /worker-check');
      }
      const metrics = await (await fetch(`${adminUrl}/metrics`, { headers: { authorization: `Bearer ${WORKERS_TOKEN}` } })).text();
      assert.match(metrics, /\nedge_processes 2\n/, 'the view covers both workers');
      assert.match(metrics, /edge_requests_total\{route="guest-other",status="200",cache="PASS"\} 40\n/, 'every request counted once, whichever worker answered');
    } finally {
      workers.kill('SIGTERM');
      const [code] = (await once(workers, 'exit')) as [number];
      assert.equal(code, 0, 'the primary exits cleanly once every worker has drained');
    }
  });

  it('writes one whole access line per request to stdout from every worker, next to the process log', async () => {
    const { workers, output, edgeUrl: url } = await startTwoWorkers(`http://127.0.0.1:${(origin.address() as { port: number }).port}`);
    let raw = '';
    workers.stdout!.on('data', (chunk: Buffer) => (raw += chunk.toString()));
    try {
      const ids = Array.from({ length: 120 }, (_, i) => `access-line-${i}`);
      const logged = Promise.all(ids.map((id) => output.next((line) => line.log === 'access' && line.reqId === id)));
      // new connections, so both workers answer some; a few at a time, so their batches meet in the pipe
      for (let i = 0; i < ids.length; i += 4) {
        await Promise.all(
          ids.slice(i, i + 4).map(async (id) => {
            const res = await fetch(`${url}/access-check?n=${id}`, { headers: { connection: 'close', 'x-request-id': id } });
            assert.equal(await res.text(), `origin /access-check?n=${id}`);
          }),
        );
      }
      const lines = await logged;
      for (const line of lines) {
        assert.equal(line.service, 'edge');
        assert.equal(line.path, '/access-check');
        assert.equal(line.route, 'guest-other');
        assert.equal(line.status, 200);
        assert.equal(line.cache, 'PASS');
        assert.ok(typeof line.bytes === 'number' && line.bytes > 0);
      }
      // up to the last newline: what follows may be a line still arriving
      const broken = raw.slice(0, raw.lastIndexOf('\n')).split('\n').filter((text) => text !== '' && !isJson(text));
      assert.deepEqual(broken, [], 'every line on stdout is one whole JSON line');
    } finally {
      workers.kill('SIGTERM');
      await once(workers, 'exit');
    }
  });

  it('counts a client against its rate limit once for the whole edge, whichever worker gets each connection', async () => {
    const { workers, edgeUrl: url } = await startTwoWorkers(`http://127.0.0.1:${(origin.address() as { port: number }).port}`);
    try {
      // config/edge.ts: guest-logins allows 10 POSTs to /login per client per minute; a new connection
      // per request, so the primary hands them to both workers (each counting alone would allow 20)
      const statuses: number[] = [];
      for (let i = 0; i < 16; i++) {
        const res = await fetch(`${url}/login`, { method: 'POST', headers: { connection: 'close' } });
        await res.arrayBuffer();
        statuses.push(res.status);
      }
      assert.deepEqual(statuses, [...Array(10).fill(200), ...Array(6).fill(429)]);
    } finally {
      workers.kill('SIGTERM');
      await once(workers, 'exit');
    }
  });

  it('counts a client once across edge instances sharing Redis, each with two workers', async () => {
    const guest = `http://127.0.0.1:${(origin.address() as { port: number }).port}`;
    const redis = { REDIS_URL: await testRedisUrl(), REDIS_KEY_PREFIX: testKeyPrefix() };
    const first = await startTwoWorkers(guest, redis);
    const second = await startTwoWorkers(guest, redis);
    try {
      // guest-logins allows 10 POSTs to /login per client per minute: alternating instances, each alone would allow 20 (40 with its workers)
      const statuses: number[] = [];
      for (let i = 0; i < 16; i++) {
        const res = await fetch(`${i % 2 === 0 ? first.edgeUrl : second.edgeUrl}/login`, { method: 'POST', headers: { connection: 'close' } });
        await res.arrayBuffer();
        statuses.push(res.status);
      }
      assert.deepEqual(statuses, [...Array(10).fill(200), ...Array(6).fill(429)]);
    } finally {
      for (const { workers } of [first, second]) {
        workers.kill('SIGTERM');
        await once(workers, 'exit');
      }
    }
  });

  it('relays a purge received by one worker to every worker', async () => {
    let originHits = 0;
    const cacheable = http.createServer((req, res) => {
      // health probes reach the origin too; only the page counts
      if (req.url === '/hotels/7') originHits++;
      res.setHeader('cache-control', 'public, max-age=300');
      res.setHeader('surrogate-key', 'hotel-7');
      res.end('hotel seven');
    });
    const cacheableUrl = await listen(cacheable);
    const { workers, edgeUrl, adminUrl } = await startTwoWorkers(cacheableUrl);
    try {
      const url = `${edgeUrl}/hotels/7`;
      // a new connection per request: the primary hands connections to the workers in turn, so
      // each worker's store fills once from the origin; bounded by time rather than a count, as a
      // worker busy (or replaced) on a loaded machine gets no connection while it is not free
      const fetchUntilOriginSaw = async (hits: number) => {
        for (const deadline = Date.now() + 20_000; originHits < hits && Date.now() < deadline; ) {
          const body = await new Promise<string>((resolve, reject) => {
            http
              .get(url, { agent: false }, (res) => {
                let text = '';
                res.on('data', (chunk) => (text += chunk));
                res.on('end', () => resolve(text));
              })
              .on('error', reject);
          });
          assert.equal(body, 'hotel seven');
        }
      };
      await fetchUntilOriginSaw(2);
      assert.equal(originHits, 2, 'each of the two workers stored the page once');

      const purge = await fetch(`${adminUrl}/purge/key/hotel-7`, { method: 'POST', headers: { authorization: `Bearer ${WORKERS_TOKEN}` } });
      assert.equal(purge.status, 200);
      // a worker the purge did not reach would keep answering from its store: the origin would stop at 3
      await fetchUntilOriginSaw(4);
      assert.equal(originHits, 4, 'both workers dropped the page: each fetched it again once');
    } finally {
      workers.kill('SIGTERM');
      await once(workers, 'exit');
      await closeAll(cacheable);
    }
  });

  it('refuses to start on a wrong EDGE_BACKENDS with one line naming it', async () => {
    const bad = spawn(process.execPath, ['--import', 'tsx', mainFile], {
      env: { ...process.env, PORT: '0', EDGE_RULES: rulesFile, EDGE_BACKENDS: '{"guest":["ftp://x"]}' },
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    let stderr = '';
    bad.stderr!.on('data', (c) => (stderr += c));
    const [code] = (await once(bad, 'exit')) as [number];
    assert.equal(code, 78);
    assert.match(stderr, /^edge: invalid configuration: EDGE_BACKENDS\.guest\[0\] \("ftp:\/\/x"\) must be an http:\/\/ URL without a path\n$/);
  });
});
