import { type Executor, tablesOf } from '@hatago/db';
import { FieldErrors, notFound } from '@hatago/platform/errors';
import { type FormInput, readChoice, readInteger, readText } from '@hatago/platform/input';
import type { CatalogTables } from '../catalog-tables.ts';
import { CatalogErrors } from '../catalog-errors.ts';
import { type AmenityCode, inAmenityOrder, isAmenityCode } from '../hotels/hotel-amenities.ts';
import { readHotelAmenities, writeHotelAmenities } from '../hotels/hotel-amenity-store.ts';
import { ADULTS_ONLY_AGE, SMOKING_POLICIES, type SmokingPolicy } from '../hotels/hotel-policies.ts';
import { auditChange, commitChange, type ManagementContext } from './management-context.ts';

/** What a hotel offers and its house rules, as its console edits them (check-in and check-out times are the profile's). */
export interface HotelFeatures {
  amenities: AmenityCode[];
  childrenMinAge: number;
  smoking: SmokingPolicy;
  accessJa: string;
  accessEn: string;
}

export async function getHotelFeatures(db: Executor, hotelId: number): Promise<HotelFeatures> {
  const row = await tablesOf<CatalogTables>(db)
    .selectFrom('hotels')
    .select(['children_min_age', 'smoking_policy', 'access_ja', 'access_en'])
    .where('id', '=', hotelId)
    .executeTakeFirst();
  if (!row) throw notFound(CatalogErrors.HOTEL_NOT_FOUND, `Hotel ${hotelId} does not exist`);
  return {
    amenities: await readHotelAmenities(db, hotelId),
    childrenMinAge: row.children_min_age,
    smoking: row.smoking_policy as SmokingPolicy,
    accessJa: row.access_ja,
    accessEn: row.access_en,
  };
}

/** A form's ticked amenities: none, one or several values of the one list; anything else is a field error. */
function readAmenities(errors: FieldErrors, input: FormInput): AmenityCode[] {
  const raw = input.amenities;
  const values = Array.isArray(raw) ? raw : raw === undefined || raw === '' ? [] : [raw];
  if (!values.every(isAmenityCode)) errors.add('amenities', 'Choose amenities from the list');
  return inAmenityOrder(values.filter(isAmenityCode));
}

export function parseHotelFeatures(input: FormInput): HotelFeatures {
  const errors = new FieldErrors();
  const features: HotelFeatures = {
    amenities: readAmenities(errors, input),
    childrenMinAge: readInteger(errors, input, 'childrenMinAge', { label: "Children's minimum age", min: 0, max: ADULTS_ONLY_AGE }),
    smoking: readChoice(errors, input, 'smoking', { label: 'Smoking policy', choices: SMOKING_POLICIES }),
    accessJa: readText(errors, input, 'accessJa', { label: 'Japanese access', max: 500, optional: true }),
    accessEn: readText(errors, input, 'accessEn', { label: 'English access', max: 500, optional: true }),
  };
  errors.throwIfAny(CatalogErrors.INVALID_HOTEL_PROFILE);
  return features;
}

/**
 * Saves the amenities and house rules and publishes a `hotel` change once committed: the
 * hotel's page and every search (which filter and count by amenity) drop their cached copies.
 */
export async function updateHotelFeatures(db: Executor, context: ManagementContext, form: FormInput): Promise<HotelFeatures> {
  const before = await getHotelFeatures(db, context.hotelId);
  const after = parseHotelFeatures(form);
  return commitChange(db, context, 'hotel', async (trx) => {
    await tablesOf<CatalogTables>(trx)
      .updateTable('hotels')
      .set({ children_min_age: after.childrenMinAge, smoking_policy: after.smoking, access_ja: after.accessJa, access_en: after.accessEn })
      .where('id', '=', context.hotelId)
      .execute();
    await writeHotelAmenities(trx, context.hotelId, after.amenities);
    await auditChange(trx, context, 'hotel.features.update', { type: 'hotel', id: context.hotelId }, { before, after });
    return after;
  });
}
