import assert from 'node:assert/strict';
import { after, describe, it } from 'node:test';
import type { FlagDefinition } from '../definition/flag-definition.ts';
import { createFlagsClient, type FlagsClient } from './flags-client.ts';

const definitions = new Map<string, FlagDefinition>([
  ['new-search', { key: 'new-search', description: 'grid', owner: 'design', expiresOn: '2027-03-31', environments: { staging: { enabled: true, percent: 0, allow: ['qa'] } } }],
]);

describe('Hatago OpenFeature provider', () => {
  const clients: FlagsClient[] = [];
  after(async () => Promise.all(clients.map((c) => c.close())));
  const open = async (environment: string) => {
    const flags = await createFlagsClient({ definitions: async () => definitions }, environment);
    clients.push(flags);
    return flags.client;
  };

  it('evaluates booleans from the definitions for its environment, previews included', async () => {
    const staging = await open('staging');
    assert.equal(await staging.getBooleanValue('new-search', false, { targetingKey: 'visitor-000000000001' }), false);
    const details = await staging.getBooleanDetails('new-search', false, { targetingKey: 'visitor-000000000001', previews: ['qa'] });
    assert.deepEqual([details.value, details.reason], [true, 'TARGETING_MATCH']);
    assert.equal(await (await open('production')).getBooleanValue('new-search', false, { previews: ['qa'] }), false);
  });

  it('follows the edge decision when the request carries one', async () => {
    const staging = await open('staging');
    assert.equal(await staging.getBooleanValue('new-search', false, { edgeFlags: ['new-search'] }), true);
    assert.equal(await staging.getBooleanValue('new-search', true, { edgeFlags: [], previews: ['qa'] }), false);
  });

  it('answers the default with an error code for an unknown flag or another type', async () => {
    const staging = await open('staging');
    const unknown = await staging.getBooleanDetails('no-such-flag', true);
    assert.deepEqual([unknown.value, unknown.errorCode], [true, 'FLAG_NOT_FOUND']);
    const text = await staging.getStringDetails('new-search', 'x');
    assert.deepEqual([text.value, text.errorCode], ['x', 'TYPE_MISMATCH']);
  });

  it('keeps each client on its own source, several in one process', async () => {
    const other = await createFlagsClient({ definitions: async () => new Map() }, 'staging');
    clients.push(other);
    assert.equal(await other.client.getBooleanValue('new-search', false, { previews: ['qa'] }), false);
    assert.equal(await (await open('staging')).getBooleanValue('new-search', false, { previews: ['qa'] }), true);
  });
});
