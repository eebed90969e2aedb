import assert from 'node:assert/strict';
import http from 'node:http';
import { after, before, describe, it } from 'node:test';
import type { FlagDefinition } from '@hatago/flags/evaluation';
import { closeAll, listen } from '../../test/harness/test-origins.ts';
import { BackendPool } from '../balancing/backend-pool.ts';
import { FlagFeed, type FlagFeedReport, type Schedule } from './flag-feed.ts';
import { testBackend as backend } from '../../test/harness/stage-rules.ts';

const flag = (key: string, enabled: boolean): FlagDefinition => ({
  key,
  description: key,
  owner: 'sre@hatago.example',
  expiresOn: '2027-03-31',
  environments: { production: { enabled, percent: 100, allow: [] } },
});

describe('flag feed', () => {
  // what the origin answers next: a flag set (with its ETag, 304 while the client has it), a status, or nothing at all
  let answer: { flags: FlagDefinition[]; etag: string } | number | 'hang' | 'garbage' = { flags: [], etag: '"v0"' };
  const asked: Array<string | undefined> = [];
  const hanging: http.ServerResponse[] = [];
  const origin = http.createServer((req, res) => {
    asked.push(req.headers['if-none-match']);
    if (answer === 'hang') return void hanging.push(res);
    if (answer === 'garbage') return res.writeHead(200, { 'content-type': 'application/json' }).end('{"flags":"none"}');
    if (typeof answer === 'number') return res.writeHead(answer).end();
    if (req.headers['if-none-match'] === answer.etag) return res.writeHead(304, { etag: answer.etag }).end();
    res.writeHead(200, { 'content-type': 'application/json', etag: answer.etag, 'cache-control': 'no-store' }).end(JSON.stringify({ environment: 'production', flags: answer.flags }));
  });
  const reports: string[] = [];
  const report: FlagFeedReport = {
    failed: (reason, { kept, first }) => reports.push(`failed ${reason}${kept ? ' kept' : ''}${first ? ' first' : ''}`),
    recovered: (flags) => reports.push(`recovered ${flags}`),
    polled: () => undefined,
  };
  let pool: BackendPool;
  const rule = { backend: 'guest', path: '/internal/flags', intervalMs: 200 };

  before(async () => {
    const url = await listen(origin);
    pool = new BackendPool('guest', backend, [new URL(url).origin]);
  });
  after(async () => {
    for (const res of hanging) res.destroy();
    await pool.close();
    await closeAll(origin);
  });

  it('reads the set, then asks with its ETag and keeps it on a 304, taking a changed set at once', async () => {
    const feed = new FlagFeed(rule, pool, report);
    assert.equal(feed.state, undefined, 'nothing before the first answer');
    answer = { flags: [flag('new-search', true)], etag: '"v1"' };
    await feed.poll();
    const first = feed.snapshot!;
    assert.deepEqual([first.environment, [...first.byKey.keys()], first.fixed?.header], ['production', ['new-search'], 'new-search']);
    await feed.poll();
    assert.equal(feed.snapshot, first, 'a 304 keeps the very set');
    answer = { flags: [flag('new-search', false)], etag: '"v2"' };
    await feed.poll();
    assert.equal(feed.snapshot!.fixed?.header, '', 'the kill switch is read on the next poll');
    assert.deepEqual(asked.splice(0), [undefined, '"v1"', '"v1"']);
    assert.deepEqual(reports.splice(0), ['recovered 1']);
  });

  it('keeps the last good set through a 500, a timeout and an answer that is not a flag set, logging the first failure only', async () => {
    asked.splice(0);
    const feed = new FlagFeed(rule, pool, report);
    answer = 500;
    await feed.poll();
    assert.equal(feed.snapshot, undefined);
    answer = { flags: [flag('new-search', true)], etag: '"v3"' };
    await feed.poll();
    const good = feed.snapshot;
    for (const failure of [500, 'hang', 'garbage'] as const) {
      answer = failure;
      await feed.poll();
      assert.equal(feed.snapshot, good, String(failure));
    }
    answer = { flags: [flag('new-search', true)], etag: '"v3"' };
    await feed.poll();
    assert.equal(feed.snapshot, good);
    assert.deepEqual(reports.splice(0), ['failed status 500 first', 'recovered 1', 'failed status 500 kept first', 'failed TimeoutError kept', 'failed not a flag set kept', 'recovered 1']);
    asked.splice(0);
  });

  it('polls again after each poll until closed, and not once after', async () => {
    const pending: Array<{ poll: () => void; cancelled: boolean }> = [];
    let scheduled!: () => void;
    const schedule: Schedule = (poll) => {
      const entry = { poll, cancelled: false };
      pending.push(entry);
      scheduled();
      return () => void (entry.cancelled = true);
    };
    const next = () => new Promise<void>((resolve) => (scheduled = resolve));
    asked.splice(0);
    answer = { flags: [], etag: '"v4"' };
    const feed = new FlagFeed(rule, pool, report, undefined, schedule);
    let polled = next();
    feed.start();
    await polled;
    polled = next();
    pending.at(-1)!.poll();
    await polled;
    assert.equal(asked.splice(0).length, 2);
    feed.close();
    assert.equal(pending.at(-1)!.cancelled, true, 'the next poll is called off');
    // even a timer that fired anyway polls no more: no instance is even picked
    const pick = pool.pick;
    let picked = 0;
    pool.pick = (...args) => (picked++, pick.apply(pool, args));
    pending.at(-1)!.poll();
    pool.pick = pick;
    assert.deepEqual([picked, pending.length], [0, 2]);
  });
});
