import assert from 'node:assert/strict';
import { setTimeout as delay } from 'node:timers/promises';
import { after, before, describe, it } from 'node:test';
import { sql } from 'kysely';
import { futureDate } from '@hatago/test-support';
import { GuestClient } from './support/guest-client.ts';
import { startTestCluster, type TestCluster } from './support/test-cluster.ts';

const FORM = { 'content-type': 'application/x-www-form-urlencoded' };

/**
 * The cluster's wiring of the edge's purge API: a price changed in the facility console of
 * one hotel must drop that hotel's page at the edge (through the catalogue-change
 * publication and the edge's admin listener) while other hotels' pages stay cached.
 */
describe('a catalogue change in the cluster', () => {
  let running: TestCluster;

  before(async () => {
    running = await startTestCluster(1);
  });
  after(() => running?.stop());

  it("purges the hotel's page at the edge when its facility changes a price, and only that hotel's", async () => {
    const browser = new GuestClient(running.cluster.edgeUrl);
    for (const page of ['/hotels/1', '/hotels/2']) {
      await browser.get(page);
      assert.equal((await browser.get(page)).headers['x-cache'], 'HIT', `${page} is cached before the change`);
    }

    const login = await browser.call('POST', '/facility/login', { headers: FORM, body: 'login=facility-1&password=hatago-demo-pass&next=/facility/' });
    assert.equal(login.status, 303);
    const cookie = String(login.headers['set-cookie']).split(';')[0]!;
    const { rows } = await sql<{ id: number }>`
      select p.id from rate_plans p join room_types r on r.id = p.room_type_id where r.hotel_id = 1 order by p.id limit 1`.execute(running.db.database.db);
    const saved = await browser.call('POST', '/facility/inventory/bulk', {
      headers: { ...FORM, cookie },
      body: `from=${futureDate(40)}&to=${futureDate(41)}&price_${rows[0]!.id}=77000`,
    });
    assert.equal(saved.status, 303, 'the price change is saved');

    // the purge travels facility → catalogue-change publication (Redis) → the edge's admin API: wait for the state
    let status = 'HIT';
    for (let waited = 0; status === 'HIT'; waited += 100) {
      assert.ok(waited < 15_000, 'the hotel page is still served from the edge 15 s after the change');
      await delay(100);
      status = String((await browser.get('/hotels/1')).headers['x-cache']);
    }
    assert.equal(status, 'MISS', 'the changed hotel is fetched again');
    assert.equal((await browser.get('/hotels/2')).headers['x-cache'], 'HIT', 'another hotel stays cached');
  });
});
