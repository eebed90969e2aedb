import assert from 'node:assert/strict';
import { PassThrough, Writable } from 'node:stream';
import { describe, it } from 'node:test';
import { AccessLog, MAX_LOGGED_PATH_CHARS, PIPE_ATOMIC_BYTES, type AccessEntry } from './access-log.ts';

const entry = (reqId: string, path = '/hotels/1'): AccessEntry => ({
  reqId,
  method: 'GET',
  path,
  route: 'hotel',
  backend: 'guest',
  instance: 'http://127.0.0.1:3001',
  cache: 'HIT',
  status: 200,
  bytes: 8400,
  durationMs: 0.4,
  client: '127.0.0.1',
});

/** A destination that records each write it gets. */
function recorder() {
  const writes: string[] = [];
  const waiting: Array<() => void> = [];
  const stream = new Writable({
    write(chunk: Buffer, _encoding, done) {
      writes.push(chunk.toString());
      for (const wake of waiting.splice(0)) wake();
      done();
    },
  });
  const nextWrite = () => new Promise<void>((resolve) => waiting.push(resolve));
  const lines = () => writes.join('').split('\n').filter(Boolean).map((line) => JSON.parse(line) as Record<string, unknown>);
  return { writes, stream, lines, nextWrite };
}

/** Awaits a promise that only the log's unref'd timer settles, keeping the test process alive meanwhile. */
async function held<T>(promise: Promise<T>): Promise<T> {
  const alive = setTimeout(() => undefined, 30_000);
  try {
    return await promise;
  } finally {
    clearTimeout(alive);
  }
}

describe('access log', () => {
  it('writes a full batch as one write, each line valid JSON with the fields, and the rest at close', async () => {
    const out = recorder();
    const log = new AccessLog(out.stream, { batchLines: 4, flushMs: 60_000 });
    for (let i = 0; i < 6; i++) log.write(entry(`r-${i}`, `/search?q="京都"\\${i}`));
    await new Promise((resolve) => setImmediate(resolve));
    assert.equal(out.writes.length, 1, 'four lines, one write; two still held');
    log.close();
    await new Promise((resolve) => setImmediate(resolve));
    assert.equal(out.writes.length, 2);
    const lines = out.lines();
    assert.deepEqual(lines.map((line) => line.reqId), ['r-0', 'r-1', 'r-2', 'r-3', 'r-4', 'r-5']);
    assert.equal(lines[5]!.path, '/search?q="京都"\\5', 'quotes, backslashes and non-ASCII paths survive');
    assert.equal(lines[0]!.service, 'edge');
    assert.equal(lines[0]!.cache, 'HIT');
    assert.ok(!Number.isNaN(Date.parse(String(lines[0]!.time))));
    assert.equal('originMs' in lines[0]!, false, 'absent when no origin was asked');
  });

  it('stamps each line with its time as toISOString writes it, milliseconds padded, across seconds', () => {
    const out = recorder();
    const times = [Date.UTC(2026, 11, 8, 1, 0, 46, 7), Date.UTC(2026, 11, 8, 1, 0, 46, 7), Date.UTC(2026, 11, 8, 1, 0, 46, 58), Date.UTC(2026, 11, 8, 1, 0, 46, 999), Date.UTC(2026, 11, 8, 1, 0, 47, 0), Date.UTC(2026, 11, 31, 23, 59, 59, 120)];
    let next = 0;
    const log = new AccessLog(out.stream, { batchLines: 100, flushMs: 60_000, clock: () => times[next++]! });
    for (let i = 0; i < times.length; i++) log.write(entry(`t-${i}`, '/'));
    log.close();
    assert.deepEqual(out.lines().map((line) => line.time), times.map((t) => new Date(t).toISOString()));
  });

  it('writes whole lines of at most PIPE_BUF bytes, one write at a time, so workers sharing stdout never cut into each other’s lines', async () => {
    const writes: string[] = [];
    const pending: Array<() => void> = [];
    // a destination that finishes a write only when the test says so, like a pipe the collector reads slowly
    const slow = { write: (chunk: string, done: () => void) => (writes.push(chunk), pending.push(done), false) };
    const log = new AccessLog(slow, { flushMs: 60_000 });
    const long = `/search?q=${'京都'.repeat(900)}`; // 5.4 KB once encoded: over the limit on its own, were it whole
    for (let i = 0; i < 40; i++) log.write(entry(`pipe-${i}`, i === 20 ? long : `/hotels/${i}`));
    assert.equal(writes.length, 1, 'no second write while the first is under way');
    while (pending.length > 0) {
      pending.shift()!();
      await new Promise((resolve) => setImmediate(resolve));
    }
    log.close();
    const sizes = writes.map((chunk) => Buffer.byteLength(chunk));
    const ids = writes.join('').split('\n').filter(Boolean).map((line) => (JSON.parse(line) as { reqId: string }).reqId);
    assert.deepEqual(ids, Array.from({ length: 40 }, (_, i) => `pipe-${i}`), 'every line once, in order');
    for (const chunk of writes) assert.ok(chunk.endsWith('\n'), 'a write ends at a line’s end');
    for (const [i, size] of sizes.entries()) assert.ok(size <= PIPE_ATOMIC_BYTES, `write ${i}: ${size} bytes`);
    assert.ok(writes.length >= 4, 'many 4 KB writes rather than one large one');
    const logged = writes.join('').split('\n').find((line) => line.includes('pipe-20'))!;
    const { path, pathLength } = JSON.parse(logged) as { path: string; pathLength: number };
    assert.equal(path, long.slice(0, MAX_LOGGED_PATH_CHARS), 'a long path is cut, keeping its start');
    assert.equal(pathLength, long.length, 'and says how long it was');
    assert.equal(JSON.parse(writes.join('').split('\n')[0]!).pathLength, undefined, 'a short path is whole, without a length');
  });

  it('survives a destination that breaks (the collector went away: EPIPE), counting what it can no longer write', async () => {
    const broken = new Writable({
      write(_chunk, _encoding, done) {
        done(Object.assign(new Error('write EPIPE'), { code: 'EPIPE' }));
      },
    });
    const errored = new Promise((resolve) => broken.once('error', resolve));
    const log = new AccessLog(broken, { batchLines: 2, flushMs: 60_000 });
    log.write(entry('lost-0'));
    log.write(entry('lost-1'));
    await held(errored);
    for (let i = 2; i < 7; i++) log.write(entry(`lost-${i}`));
    assert.equal(log.dropped, 5, 'the lines after the failure are counted, not thrown');
    log.close();
  });

  it('sends a small batch on its timer, so a quiet edge still shows its requests', async () => {
    const out = recorder();
    const log = new AccessLog(out.stream, { batchLines: 64, flushMs: 20 });
    const written = out.nextWrite();
    log.write(entry('quiet-1'));
    assert.equal(out.writes.length, 0);
    await held(written);
    assert.deepEqual(out.lines().map((line) => line.reqId), ['quiet-1']);
    log.close();
  });

  it('holds lines while the destination is full, sends them on drain, and drops and counts what exceeds the bound', async () => {
    // nobody reads: after the first batch the stream's buffer is over its mark and write() says wait
    const blocked = new PassThrough({ highWaterMark: 16 });
    const log = new AccessLog(blocked, { batchLines: 2, flushMs: 60_000, maxPendingLines: 5 });
    for (let i = 0; i < 2; i++) log.write(entry(`first-${i}`));
    for (let i = 0; i < 8; i++) log.write(entry(`held-${i}`));
    assert.equal(log.dropped, 3, 'five held, three over the bound');
    const received: string[] = [];
    const all = new Promise<void>((resolve) =>
      blocked.on('data', (chunk: Buffer) => {
        received.push(chunk.toString());
        if (chunk.toString().includes('held-4')) resolve();
      }),
    );
    await held(all);
    const ids = received.join('').split('\n').filter(Boolean).map((line) => (JSON.parse(line) as { reqId: string }).reqId);
    assert.deepEqual(ids, ['first-0', 'first-1', 'held-0', 'held-1', 'held-2', 'held-3', 'held-4'], 'every kept line once, in order');
    log.close();
  });
});
