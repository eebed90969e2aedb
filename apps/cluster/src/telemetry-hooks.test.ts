import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { test } from 'node:test';
import { testKeyPrefix, testRedisUrl } from '@hatago/cache/testing';
import { nodeArgsFor, REPO_ROOT } from './node-command.ts';

test('a process started as the cluster starts it has ioredis traced by the module hooks, inside a trace only', async () => {
  const child = spawn(process.execPath, nodeArgsFor('apps/cluster/test/traced-redis-process.ts'), {
    cwd: REPO_ROOT,
    env: { ...process.env, REDIS_URL: await testRedisUrl(), REDIS_KEY_PREFIX: testKeyPrefix() },
    // stdin stays open: the exit-with-parent preload stops the process when it closes
    stdio: ['pipe', 'pipe', 'inherit'],
  });
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const [code] = await once(child, 'exit');
  assert.equal(code, 0);
  const spans = JSON.parse(output.trim().split('\n').at(-1)!) as Array<{ name: string; traceId: string }>;
  const request = spans.find((s) => s.name === 'request')!;
  assert.deepEqual(
    spans.map((s) => s.name),
    ['set', 'request'],
    'the command inside the trace is a span; the one outside starts no trace',
  );
  assert.equal(spans[0]!.traceId, request.traceId);
});
