import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { tablesOf } from '@hatago/db';
import { FlagChanges, type FlagDefinition, type FlagsTables, listFlags } from '@hatago/flags';
import { appUnderTest } from '@hatago/test-support';
import { buildGuestApp } from '../guest-app.ts';
import { INTERNAL_FLAGS_PATH } from './internal-flags-route.ts';

const definition = (percent: number): FlagDefinition => ({
  key: 'guest-canary',
  description: 'send visitors to the canary',
  owner: 'sre@hatago.example',
  expiresOn: '2027-03-31',
  environments: { development: { enabled: true, percent, allow: ['canary'] } },
});

describe('internal flag feed', () => {
  const ctx = appUnderTest(buildGuestApp);
  const read = (etag?: string) => ctx.app.inject({ url: INTERNAL_FLAGS_PATH, headers: etag ? { 'if-none-match': etag } : {} });

  it('answers the definitions with the environment, a strong ETag, 304 while unchanged, never stored', async () => {
    // the demo data's flags, as the store lists them (sorted by key)
    const seeded = (await listFlags(ctx.db.database.db)).map((flag) => flag.definition);
    const first = await read();
    assert.equal(first.statusCode, 200);
    assert.deepEqual(first.json(), { environment: 'development', flags: seeded });
    assert.equal(first.headers['cache-control'], 'no-store');
    const etag = String(first.headers.etag);
    assert.match(etag, /^"[^"]+"$/, 'a strong validator');
    const same = await read(etag);
    assert.equal(same.statusCode, 304);
    assert.equal(same.body, '');

    const flags = tablesOf<FlagsTables>(ctx.db.database.db);
    await flags.insertInto('feature_flags').values({ key: 'guest-canary', definition: JSON.stringify(definition(10)), updated_by: 'test' }).execute();
    await new FlagChanges(ctx.deps.cache).publish({ key: 'guest-canary' });
    const changed = await read(etag);
    assert.equal(changed.statusCode, 200);
    assert.deepEqual(changed.json(), { environment: 'development', flags: [definition(10), ...seeded].sort((a, b) => a.key.localeCompare(b.key)) });
    assert.notEqual(changed.headers.etag, etag);
    assert.equal((await read(String(changed.headers.etag))).statusCode, 304);
  });
});
