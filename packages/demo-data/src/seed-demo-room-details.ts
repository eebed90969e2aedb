import { type Executor, tablesOf } from '@hatago/db';
import type { CatalogTables } from '@hatago/catalog';
import { HOTEL_STYLES, ROOM_TYPES } from './demo-catalog.ts';
import { demoRoomDetails } from './demo-room-details.ts';

/**
 * Room details for a catalogue seeded before room types had them: only while no room type
 * states a bed type, and only for the demo's own rooms (known by their hotel style's and
 * room type's English names), so a hotel's own rooms are never touched.
 */
export async function addMissingRoomDetails(trx: Executor): Promise<boolean> {
  const t = tablesOf<CatalogTables>(trx);
  if (await t.selectFrom('room_types').select('id').where('bed_type', 'is not', null).limit(1).executeTakeFirst()) return false;
  const rooms = await t
    .selectFrom('room_types')
    .innerJoin('hotels', 'hotels.id', 'room_types.hotel_id')
    .select(['room_types.id', 'room_types.name_en', 'hotels.name_en as hotel_name', 'hotels.area_id'])
    .orderBy('room_types.id')
    .execute();
  let added = false;
  for (const room of rooms) {
    const style = HOTEL_STYLES.find((s) => room.hotel_name.startsWith(`${s.en} `));
    const spec = ROOM_TYPES.find((r) => r.en === room.name_en);
    const details = style && spec && demoRoomDetails(style.en, room.area_id, spec);
    if (!details) continue;
    await t.updateTable('room_types').set(details).where('id', '=', room.id).execute();
    added = true;
  }
  return added;
}
