import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseWrkReport } from './wrk.ts';

// wrk 4.1's --latency report, as printed on this machine (a 500 every time, and socket errors added)
const REPORT = `Running 1s test @ http://127.0.0.1:47202/bad
  1 threads and 2 connections
  Thread Stats   Avg      Stdev     Max   +/- Stdev
    Latency    11.03ms   20.89ms 140.82ms   92.82%
    Req/Sec   393.10    209.11   720.00     70.00%
  Latency Distribution
     50%  500.00us
     75%   11.09ms
     90%   23.69ms
     99%    1.15s
  394 requests in 1.01s, 54.64KB read
  Socket errors: connect 0, read 2, write 1, timeout 3
  Non-2xx or 3xx responses: 394
Requests/sec:    391.53
Transfer/sec:     54.29KB
`;

describe("wrk's report", () => {
  it('reads totals, percentiles in every unit, and counts bad statuses and socket errors as errors', () => {
    assert.deepEqual(parseWrkReport(REPORT), { requests: 394, perSecond: 391.53, p50Ms: 0.5, p99Ms: 1150, errors: 400 });
  });

  it('refuses a report it cannot read instead of printing zeros', () => {
    assert.throws(() => parseWrkReport('unable to connect to 127.0.0.1:1 Connection refused'), /has no totals/);
  });
});
