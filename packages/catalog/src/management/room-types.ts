import { type Executor, tablesOf } from '@hatago/db';
import { FieldErrors, notFound } from '@hatago/platform/errors';
import type { CatalogTables } from '../catalog-tables.ts';
import { type FormInput, parseId, readChoice, readInteger, readText } from '@hatago/platform/input';
import { auditChange, commitChange, type ManagementContext } from './management-context.ts';
import { CatalogErrors } from '../catalog-errors.ts';
import { BED_TYPE_CODES, type BedType, bedTypeOf, ROOM_SIZE_SQM, ROOM_VIEW_CODES, type RoomView, type RoomTypeRow, roomViewOf } from '../hotels/room-details.ts';

export interface ManagedRoomType {
  id: number;
  nameJa: string;
  nameEn: string;
  capacity: number;
  sizeSqm: number;
  /** Null for a room type stored before bed types were asked; its next edit must name one. */
  bedType: BedType | null;
  /** Null when the hotel does not say. */
  view: RoomView | null;
  descriptionJa: string;
  descriptionEn: string;
}

export type RoomTypeInput = Omit<ManagedRoomType, 'id' | 'bedType'> & { bedType: BedType };

const columns = ['id', 'name_ja', 'name_en', 'capacity', 'size_sqm', 'bed_type', 'room_view', 'description', 'description_en'] as const;

const toRoomType = (row: RoomTypeRow): ManagedRoomType => ({
  id: Number(row.id),
  nameJa: row.name_ja,
  nameEn: row.name_en,
  capacity: row.capacity,
  sizeSqm: row.size_sqm,
  bedType: bedTypeOf(row.bed_type),
  view: roomViewOf(row.room_view),
  descriptionJa: row.description,
  descriptionEn: row.description_en,
});

export async function listRoomTypes(db: Executor, hotelId: number): Promise<ManagedRoomType[]> {
  const rows = await tablesOf<CatalogTables>(db)
    .selectFrom('room_types')
    .select(columns)
    .where('hotel_id', '=', hotelId)
    .orderBy('sort_order')
    .orderBy('id')
    .execute();
  return rows.map(toRoomType);
}

export async function findRoomType(db: Executor, hotelId: number, id: unknown): Promise<ManagedRoomType | undefined> {
  const roomTypeId = parseId(id);
  if (roomTypeId === undefined) return undefined;
  const row = await tablesOf<CatalogTables>(db)
    .selectFrom('room_types')
    .select(columns)
    .where('id', '=', roomTypeId)
    .where('hotel_id', '=', hotelId)
    .executeTakeFirst();
  return row && toRoomType(row);
}

/** Another hotel's room type is reported as missing, never as forbidden: ids reveal nothing. */
export async function getRoomType(db: Executor, hotelId: number, id: unknown): Promise<ManagedRoomType> {
  const roomType = await findRoomType(db, hotelId, id);
  if (!roomType) throw notFound(CatalogErrors.ROOM_TYPE_NOT_FOUND, 'No such room type in this hotel');
  return roomType;
}

export function parseRoomTypeInput(input: FormInput): RoomTypeInput {
  const errors = new FieldErrors();
  const parsed: RoomTypeInput = {
    nameJa: readText(errors, input, 'nameJa', { label: 'Japanese name', max: 100 }),
    nameEn: readText(errors, input, 'nameEn', { label: 'English name', max: 100 }),
    capacity: readInteger(errors, input, 'capacity', { label: 'Capacity', min: 1, max: 8 }),
    sizeSqm: readInteger(errors, input, 'sizeSqm', { label: 'Size', ...ROOM_SIZE_SQM }),
    bedType: readChoice(errors, input, 'bedType', { label: 'Bed type', choices: BED_TYPE_CODES }),
    view: input.view === undefined || input.view === '' ? null : readChoice(errors, input, 'view', { label: 'View', choices: ROOM_VIEW_CODES }),
    descriptionJa: readText(errors, input, 'descriptionJa', { label: 'Japanese description', max: 2000, optional: true }),
    descriptionEn: readText(errors, input, 'descriptionEn', { label: 'English description', max: 2000, optional: true }),
  };
  errors.throwIfAny(CatalogErrors.INVALID_ROOM_TYPE);
  return parsed;
}

const toRow = (input: RoomTypeInput) => ({
  name_ja: input.nameJa,
  name_en: input.nameEn,
  capacity: input.capacity,
  size_sqm: input.sizeSqm,
  bed_type: input.bedType,
  room_view: input.view,
  description: input.descriptionJa,
  description_en: input.descriptionEn,
});

export async function createRoomType(db: Executor, context: ManagementContext, form: FormInput): Promise<ManagedRoomType> {
  const input = parseRoomTypeInput(form);
  return commitChange(db, context, 'room-types', async (trx) => {
    const t = tablesOf<CatalogTables>(trx);
    const { next } = await t
      .selectFrom('room_types')
      .select((eb) => eb.fn.coalesce(eb.fn.max('sort_order'), eb.lit(-1)).as('next'))
      .where('hotel_id', '=', context.hotelId)
      .executeTakeFirstOrThrow();
    const row = await t
      .insertInto('room_types')
      .values({ hotel_id: context.hotelId, sort_order: Number(next) + 1, ...toRow(input) })
      .returning(columns)
      .executeTakeFirstOrThrow();
    await auditChange(trx, context, 'room_type.create', { type: 'room_type', id: row.id }, { ...input });
    return toRoomType(row);
  });
}

export async function updateRoomType(db: Executor, context: ManagementContext, id: unknown, form: FormInput): Promise<ManagedRoomType> {
  const existing = await getRoomType(db, context.hotelId, id);
  const input = parseRoomTypeInput(form);
  return commitChange(db, context, 'room-types', async (trx) => {
    const row = await tablesOf<CatalogTables>(trx)
      .updateTable('room_types')
      .set(toRow(input))
      .where('id', '=', existing.id)
      .where('hotel_id', '=', context.hotelId)
      .returning(columns)
      .executeTakeFirstOrThrow();
    await auditChange(trx, context, 'room_type.update', { type: 'room_type', id: existing.id }, { before: existing, after: input });
    return toRoomType(row);
  });
}
