import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { tablesOf } from '@hatago/db';
import { FlagChanges, type FlagDefinition, type FlagsTables } from '@hatago/flags';
import { type EmbeddedPlatform, startEmbeddedPlatform } from './embedded-platform.ts';

const canaryFlag = (enabled: boolean): FlagDefinition => ({
  key: 'guest-canary',
  description: 'guest pages from the canary build',
  owner: 'sre@hatago.example',
  expiresOn: '2027-03-31',
  environments: { development: { enabled, percent: 0, allow: ['canary'] } },
});

/**
 * A flag changed in the database and announced moves the edge's routing within its poll:
 * the guest-canary flag's preview value sends a tester to the canary backend, and turning
 * the flag off takes them back. Which backend answered is read from the edge's own metrics
 * (here both backends are the same guest app).
 */
describe('feature flags drive the edge (embedded platform)', () => {
  let platform: EmbeddedPlatform;

  before(async () => {
    platform = await startEmbeddedPlatform({ port: 0, host: '127.0.0.1', seed: { hotelsPerArea: 1, restaurantsPerArea: 1, days: 3 }, logLevel: 'silent' });
  });
  after(() => platform?.close());

  const originAnswers = async (backend: string) => {
    const text = await (await fetch(`${platform.edgeAdmin.url}/metrics`, { headers: { authorization: `Bearer ${platform.edgeAdmin.token}` } })).text();
    const line = text.split('\n').find((l) => l.startsWith(`edge_origin_seconds_count{backend="${backend}"}`));
    return Number(line?.split(' ')[1] ?? 0);
  };
  /** The backend a tester's request (a page that is never cached) reached. */
  const backendOf = async () => {
    const [guest, canary] = [await originAnswers('guest'), await originAnswers('guest-canary')];
    const res = await fetch(`${platform.url}/login?preview=canary`);
    await res.arrayBuffer();
    assert.equal(res.status, 200);
    if ((await originAnswers('guest-canary')) > canary) return 'guest-canary';
    assert.ok((await originAnswers('guest')) > guest, 'one of the two answered');
    return 'guest';
  };
  /** Asks until the tester lands on `backend`, a bounded number of times (the edge polls every second). */
  const eventually = async (backend: string) => {
    const deadline = Date.now() + 15_000;
    for (;;) {
      if ((await backendOf()) === backend) return;
      assert.ok(Date.now() < deadline, `still not on ${backend}`);
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  };
  const save = async (definition: FlagDefinition, insert: boolean) => {
    const flags = tablesOf<FlagsTables>(platform.database.db);
    const json = JSON.stringify(definition);
    if (insert) await flags.insertInto('feature_flags').values({ key: definition.key, definition: json, updated_by: 'test' }).execute();
    else await flags.updateTable('feature_flags').set({ definition: json }).where('key', '=', definition.key).execute();
    await new FlagChanges(platform.cache).publish({ key: definition.key });
  };

  it('sends a preview to the canary once the flag is on, and back once it is switched off', async () => {
    assert.equal(await backendOf(), 'guest', 'no flag yet: the rule’s own draw (0 %)');
    await save(canaryFlag(true), true);
    await eventually('guest-canary');
    await save(canaryFlag(false), false);
    await eventually('guest');
  });
});
