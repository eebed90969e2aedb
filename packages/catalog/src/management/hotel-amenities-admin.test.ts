import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { listAudit } from '@hatago/audit';
import { DomainError } from '@hatago/platform/errors';
import { createTestDatabase, type TestDatabase, testDatabaseTargets } from '@hatago/test-support';
import type { CatalogChange } from '../changes/catalog-change.ts';
import { getHotel } from '../offers/hotel-offers.ts';
import { getHotelFeatures, updateHotelFeatures } from './hotel-amenities-admin.ts';
import type { ManagementContext } from './management-context.ts';

describe('a hotel edits its amenities and house rules', () => {
  const pglite = testDatabaseTargets().find((t) => t.name === 'pglite')!;
  let db: TestDatabase;
  const published: CatalogChange[] = [];
  const context = (hotelId: number): ManagementContext => ({
    hotelId,
    actor: { id: 1, name: 'Front desk' },
    requestId: 'req-features',
    changes: { publish: async (change) => void published.push(change) },
  });
  before(async () => {
    db = await createTestDatabase(pglite, { seed: { hotelsPerArea: 2, restaurantsPerArea: 0, days: 3 } });
  });
  after(() => db.dispose());

  it('starts from the demo hotel’s own and saves a change, audited and published after the commit', async () => {
    const before = await getHotelFeatures(db.database.db, 1);
    assert.ok(before.amenities.length > 0);
    const other = await getHotelFeatures(db.database.db, 2);
    const form = { amenities: ['spa', 'onsen', 'pets-allowed'], childrenMinAge: '6', smoking: 'non_smoking', accessJa: '駅から徒歩5分', accessEn: '5 minutes on foot from the station' };
    const saved = await updateHotelFeatures(db.database.db, context(1), form);
    assert.deepEqual(saved, { amenities: ['onsen', 'spa', 'pets-allowed'], childrenMinAge: 6, smoking: 'non_smoking', accessJa: '駅から徒歩5分', accessEn: '5 minutes on foot from the station' });
    assert.deepEqual(await getHotelFeatures(db.database.db, 1), saved);
    assert.deepEqual(await getHotelFeatures(db.database.db, 2), other, 'only the signed-in hotel changes');
    assert.deepEqual(published.at(-1), { hotelId: 1, kind: 'hotel' });
    const hotel = await getHotel(db.database.db, 1, 'en');
    assert.deepEqual(hotel.policies, { childrenMinAge: 6, smoking: 'non_smoking', petsAllowed: true, access: '5 minutes on foot from the station' });
    const [entry] = await listAudit(db.database.db, { action: 'hotel.features.update', page: 1, pageSize: 1 });
    assert.deepEqual((entry?.detail as { after?: unknown } | undefined)?.after, saved, 'audited with what it became');

    await updateHotelFeatures(db.database.db, context(1), { childrenMinAge: '0', smoking: 'smoking_area', accessJa: '', accessEn: '' });
    assert.deepEqual((await getHotelFeatures(db.database.db, 1)).amenities, [], 'no box ticked: no amenity');
  });

  it('refuses a bad value, naming every field, and changes nothing', async () => {
    const before = await getHotelFeatures(db.database.db, 1);
    const count = published.length;
    await assert.rejects(
      updateHotelFeatures(db.database.db, context(1), { amenities: ['onsen', 'casino'], childrenMinAge: '30', smoking: 'everywhere', accessEn: 'x'.repeat(501) }),
      (error: unknown) => {
        assert.ok(error instanceof DomainError && error.code === 'INVALID_HOTEL_PROFILE');
        assert.deepEqual(error.fields.map((f) => f.field).sort(), ['accessEn', 'amenities', 'childrenMinAge', 'smoking']);
        return true;
      },
    );
    assert.deepEqual(await getHotelFeatures(db.database.db, 1), before);
    assert.equal(published.length, count, 'nothing published');
  });
});
