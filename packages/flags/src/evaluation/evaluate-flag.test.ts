import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { describe, it } from 'node:test';
import type { FlagDefinition } from '../definition/flag-definition.ts';
import { evaluateFlag } from './evaluate-flag.ts';
import { flagsOn } from './flags-on.ts';

const flag = (percent: number, overrides: Partial<FlagDefinition['environments'][string]> = {}): FlagDefinition => ({
  key: 'new-search',
  description: 'photo grid search results',
  owner: 'design@hatago.example',
  expiresOn: '2027-03-31',
  environments: { production: { enabled: true, percent, allow: ['new-search'], ...overrides } },
});
const visitor = () => randomBytes(16).toString('base64url');
const production = (visitorId?: string, previews: string[] = []) => ({ environment: 'production', visitorId, previews });

describe('flag evaluation', () => {
  it('puts each target percentage within two points of 10,000 simulated visitors, each one sticky', () => {
    for (const percent of [1, 10, 25, 50, 90]) {
      const visitors = Array.from({ length: 10_000 }, visitor);
      const on = visitors.filter((id) => evaluateFlag(flag(percent), production(id)).value);
      const share = (on.length / visitors.length) * 100;
      assert.ok(Math.abs(share - percent) <= 2, `${percent} %: ${share.toFixed(2)} %`);
      for (const id of visitors.slice(0, 500)) {
        assert.equal(evaluateFlag(flag(percent), production(id)).value, on.includes(id), 'the same visitor gets the same answer');
      }
    }
  });

  it('only adds visitors when the percentage rises, never swaps them', () => {
    const visitors = Array.from({ length: 2000 }, visitor);
    const at20 = visitors.filter((id) => evaluateFlag(flag(20), production(id)).value);
    const at60 = new Set(visitors.filter((id) => evaluateFlag(flag(60), production(id)).value));
    assert.ok(at20.every((id) => at60.has(id)));
    assert.ok(at60.size > at20.length);
  });

  it('draws each flag independently, so the same visitors are not always first', () => {
    const visitors = Array.from({ length: 2000 }, visitor);
    const other: FlagDefinition = { ...flag(50), key: 'new-checkout' };
    const both = visitors.filter((id) => evaluateFlag(flag(50), production(id)).value && evaluateFlag(other, production(id)).value);
    assert.ok(Math.abs(both.length / visitors.length - 0.25) < 0.05, `${both.length} of 2000 in both`);
  });

  it('turns a flag on for a listed preview value while enabled, and the kill switch wins over everything', () => {
    assert.deepEqual(evaluateFlag(flag(0), production(visitor(), ['new-search'])), { value: true, reason: 'TARGETING_MATCH' });
    assert.equal(evaluateFlag(flag(0), production(visitor(), ['something-else'])).value, false);
    assert.deepEqual(evaluateFlag(flag(100, { enabled: false }), production(visitor(), ['new-search'])), { value: false, reason: 'DISABLED' });
  });

  it('is off where it is not defined: another environment, an unknown flag, a split without a visitor id', () => {
    assert.deepEqual(evaluateFlag(flag(100), { environment: 'staging', visitorId: visitor() }), { value: false, reason: 'DEFAULT' });
    assert.deepEqual(evaluateFlag(undefined, production(visitor())), { value: false, reason: 'DEFAULT' });
    assert.deepEqual(evaluateFlag(flag(50), production(undefined)), { value: false, reason: 'SPLIT' });
    assert.deepEqual(evaluateFlag(flag(100), production(undefined)), { value: true, reason: 'STATIC' });
  });

  it('lists the flags on for a visitor, sorted', () => {
    const flags = [{ ...flag(100), key: 'zeta' }, { ...flag(0), key: 'beta' }, { ...flag(100), key: 'alpha' }];
    assert.deepEqual(flagsOn(flags, production(visitor())), ['alpha', 'zeta']);
  });
});
