import { type Executor, tablesOf } from '@hatago/db';
import { FieldErrors, notFound } from '@hatago/platform/errors';
import { type FormInput, readEmail, readInteger, readText, readTimeOfDay } from '@hatago/platform/input';
import type { CatalogTables } from '../catalog-tables.ts';
import { auditChange, commitChange, type ManagementContext } from './management-context.ts';
import { CatalogErrors } from '../catalog-errors.ts';

/**
 * What a hotel says about itself and may change from its console. Its area, stars and
 * ranking are the platform's to set, not the hotel's.
 */
export interface HotelProfile {
  nameJa: string;
  nameEn: string;
  descriptionJa: string;
  descriptionEn: string;
  address: string;
  checkinTime: string;
  checkoutTime: string;
  /** Where new-reservation and cancellation notices go; none when null. */
  contactEmail: string | null;
  /** Percent of the room charge inside the hotel's prices, shown apart in a stay's price breakdown. */
  serviceChargePercent: number;
}

const columns = [
  'name_ja',
  'name_en',
  'description_ja',
  'description_en',
  'address',
  'checkin_time',
  'checkout_time',
  'contact_email',
  'service_charge_percent',
] as const;

type ProfileRow = {
  [K in (typeof columns)[number]]: K extends 'contact_email' ? string | null : K extends 'service_charge_percent' ? number : string;
};

/** As the column's check: a service charge above this is a typo, not a price. */
export const MAX_SERVICE_CHARGE_PERCENT = 30;

const toProfile = (row: ProfileRow): HotelProfile => ({
  nameJa: row.name_ja,
  nameEn: row.name_en,
  descriptionJa: row.description_ja,
  descriptionEn: row.description_en,
  address: row.address,
  checkinTime: row.checkin_time,
  checkoutTime: row.checkout_time,
  contactEmail: row.contact_email,
  serviceChargePercent: row.service_charge_percent,
});

const toRow = (profile: HotelProfile): ProfileRow => ({
  name_ja: profile.nameJa,
  name_en: profile.nameEn,
  description_ja: profile.descriptionJa,
  description_en: profile.descriptionEn,
  address: profile.address,
  checkin_time: profile.checkinTime,
  checkout_time: profile.checkoutTime,
  contact_email: profile.contactEmail,
  service_charge_percent: profile.serviceChargePercent,
});

export async function getHotelProfile(db: Executor, hotelId: number): Promise<HotelProfile> {
  const row = await tablesOf<CatalogTables>(db).selectFrom('hotels').select(columns).where('id', '=', hotelId).executeTakeFirst();
  if (!row) throw notFound(CatalogErrors.HOTEL_NOT_FOUND, `Hotel ${hotelId} does not exist`);
  return toProfile(row);
}

export function parseHotelProfile(input: FormInput): HotelProfile {
  const errors = new FieldErrors();
  const profile: HotelProfile = {
    nameJa: readText(errors, input, 'nameJa', { label: 'Japanese name', max: 100 }),
    nameEn: readText(errors, input, 'nameEn', { label: 'English name', max: 100 }),
    descriptionJa: readText(errors, input, 'descriptionJa', { label: 'Japanese description', max: 4000, optional: true }),
    descriptionEn: readText(errors, input, 'descriptionEn', { label: 'English description', max: 4000, optional: true }),
    address: readText(errors, input, 'address', { label: 'Address', max: 300 }),
    checkinTime: readTimeOfDay(errors, input, 'checkinTime', { label: 'Check-in time' }),
    checkoutTime: readTimeOfDay(errors, input, 'checkoutTime', { label: 'Check-out time' }),
    contactEmail: readEmail(errors, input, 'contactEmail', { label: 'Front desk email', optional: true }),
    serviceChargePercent: readInteger(errors, input, 'serviceChargePercent', { label: 'Service charge', min: 0, max: MAX_SERVICE_CHARGE_PERCENT }),
  };
  errors.throwIfAny(CatalogErrors.INVALID_HOTEL_PROFILE);
  return profile;
}

/**
 * Saves the profile and publishes a `hotel` change once committed: the hotel's cached data
 * and, at the edge, its pages and every search (which show its name) go, so guests see the
 * new name or times at once.
 */
export async function updateHotelProfile(db: Executor, context: ManagementContext, form: FormInput): Promise<HotelProfile> {
  const before = await getHotelProfile(db, context.hotelId);
  const after = parseHotelProfile(form);
  return commitChange(db, context, 'hotel', async (trx) => {
    const row = await tablesOf<CatalogTables>(trx)
      .updateTable('hotels')
      .set(toRow(after))
      .where('id', '=', context.hotelId)
      .returning(columns)
      .executeTakeFirstOrThrow();
    await auditChange(trx, context, 'hotel.update', { type: 'hotel', id: context.hotelId }, { before, after });
    return toProfile(row);
  });
}
