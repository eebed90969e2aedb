import assert from 'node:assert/strict';
import { it } from 'node:test';
import { tokyoTime } from './tokyo-time.ts';

it('shows a UTC instant in Tokyo time, to the second or the minute', () => {
  assert.equal(tokyoTime('2026-12-07T15:04:05Z'), '2026-12-08 00:04:05 JST');
  assert.equal(tokyoTime(new Date('2026-12-07T15:04:05Z'), 'minute'), '2026-12-08 00:04 JST');
});
