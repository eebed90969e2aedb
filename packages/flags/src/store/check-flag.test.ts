import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { flagDefinition } from '../testing/flag-fixtures.ts';
import { checkFlagDefinition } from './check-flag.ts';

const errorsOf = (value: unknown, options: { key?: string } = {}) => {
  const check = checkFlagDefinition(value, options);
  assert.equal(check.ok, false);
  return check.ok ? {} : Object.fromEntries(check.errors.map((e) => [e.field, e.message]));
};

describe('flag definition check', () => {
  it('accepts a flag and stores exactly its fields, environments in name order', () => {
    const check = checkFlagDefinition({ ...flagDefinition(), environments: { staging: { allow: [], percent: 12.5, enabled: false }, development: { enabled: true, percent: 100, allow: ['qa.team_1'] } } });
    assert.equal(check.ok, true, JSON.stringify(check));
    assert.deepEqual(check.ok && Object.keys(check.flag.environments), ['development', 'staging']);
    assert.equal(checkFlagDefinition({ ...flagDefinition(), environments: {} }).ok, true, 'no environment: off everywhere');
    assert.equal(checkFlagDefinition({ ...flagDefinition(), environments: { production: { enabled: true, percent: 33.33, allow: [] } } }).ok, true);
  });

  it('reports every error at once, each with its path', () => {
    const errors = errorsOf({
      key: 'New_Search',
      description: ' ',
      owner: '',
      expiresOn: '2027-02-30',
      colour: 'red',
      environments: {
        Production: { enabled: 'yes', percent: 12.345, allow: ['ok', 'not ok', 7] },
        staging: { enabled: true, percent: 101, allow: Array.from({ length: 21 }, (_, i) => `v${i}`), extra: 1 },
        'eu-west': { enabled: true, percent: '50', allow: 'qa' },
      },
    });
    assert.deepEqual(Object.keys(errors).sort(), [
      '$.colour',
      '$.description',
      '$.environments.Production',
      '$.environments.Production.allow[1]',
      '$.environments.Production.allow[2]',
      '$.environments.Production.enabled',
      '$.environments.Production.percent',
      '$.environments.staging.allow',
      '$.environments.staging.extra',
      '$.environments.staging.percent',
      '$.environments["eu-west"].allow',
      '$.environments["eu-west"].percent',
      '$.expiresOn',
      '$.key',
      '$.owner',
    ]);
    assert.equal(errors['$.environments.Production.percent'], 'must have at most two decimals');
    assert.equal(errors['$.environments.staging.percent'], 'must be a number from 0 to 100');
    assert.equal(errors['$.environments.staging.allow'], 'must list at most 20 preview values');
    assert.equal(errors['$.expiresOn'], 'must be a date, YYYY-MM-DD');
    assert.equal(errors['$.description'], 'is required');
  });

  it('refuses a key past 64 characters, a description past 500, a key changed on update, and what is no object', () => {
    const errors = errorsOf(flagDefinition({ key: `a${'-b'.repeat(32)}`, description: 'x'.repeat(501) }));
    assert.deepEqual(Object.keys(errors).sort(), ['$.description', '$.key']);
    assert.match(errorsOf(flagDefinition({ key: 'other' }), { key: 'new-search' })['$.key']!, /cannot change/);
    assert.deepEqual(Object.keys(errorsOf(flagDefinition({ owner: 'a\u0000b' }))), ['$.owner']);
    assert.deepEqual(errorsOf([]), { $: 'must be an object' });
    assert.deepEqual(Object.keys(errorsOf({ ...flagDefinition(), environments: [] })), ['$.environments']);
  });
});
