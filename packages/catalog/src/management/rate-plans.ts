import { type Executor, tablesOf } from '@hatago/db';
import { FieldErrors, notFound } from '@hatago/platform/errors';
import type { CatalogTables, Meals } from '../catalog-tables.ts';
import { type FormInput, parseId, readChoice, readDate, readInteger, readText } from '@hatago/platform/input';
import { RATE_PLAN_COLUMNS } from '../rate-plan-columns.ts';
import { auditChange, commitChange, type ManagementContext } from './management-context.ts';
import { findRoomType } from './room-types.ts';
import { CatalogErrors } from '../catalog-errors.ts';

export const MEALS: readonly Meals[] = ['room_only', 'breakfast', 'half_board'];

export interface ManagedPlan {
  id: number;
  roomTypeId: number;
  roomTypeName: string;
  nameJa: string;
  nameEn: string;
  meals: Meals;
  /** Cancelling is free until this many days before check-in … */
  freeCancelDays: number;
  /** … and costs this share of the price afterwards. */
  cancelFeePercent: number;
  /** A guest who never arrives is charged this share of the whole stay (100 unless the hotel lowers it). */
  noShowFeePercent: number;
  /** Booked only with a card guarantee; otherwise paid at the hotel. */
  guaranteeRequired: boolean;
  /** The stay dates the plan is sold for; open-ended when null. */
  saleStart: string | null;
  saleEnd: string | null;
  active: boolean;
}

export type PlanInput = Omit<ManagedPlan, 'id' | 'roomTypeId' | 'roomTypeName' | 'active'>;

function plansOfHotel(db: Executor, hotelId: number) {
  return tablesOf<CatalogTables>(db)
    .selectFrom('rate_plans as rp')
    .innerJoin('room_types as rt', 'rt.id', 'rp.room_type_id')
    .where('rt.hotel_id', '=', hotelId)
    .select([...RATE_PLAN_COLUMNS, 'rp.room_type_id', 'rt.name_en as room_type_name']);
}

type PlanRow = Awaited<ReturnType<ReturnType<typeof plansOfHotel>['executeTakeFirstOrThrow']>>;

const toPlan = (row: PlanRow): ManagedPlan => ({
  id: Number(row.id),
  roomTypeId: row.room_type_id,
  roomTypeName: row.room_type_name,
  nameJa: row.name_ja,
  nameEn: row.name_en,
  meals: row.meals,
  freeCancelDays: row.free_cancel_days,
  cancelFeePercent: row.cancel_fee_percent,
  noShowFeePercent: row.no_show_fee_percent,
  guaranteeRequired: row.guarantee_required,
  saleStart: row.sale_start,
  saleEnd: row.sale_end,
  active: row.active,
});

export async function listPlans(db: Executor, hotelId: number): Promise<ManagedPlan[]> {
  const rows = await plansOfHotel(db, hotelId).orderBy('rt.sort_order').orderBy('rt.id').orderBy('rp.id').execute();
  return rows.map(toPlan);
}

/** Another hotel's plan is reported as missing. */
export async function getPlan(db: Executor, hotelId: number, id: unknown): Promise<ManagedPlan> {
  const planId = parseId(id);
  const row = planId === undefined ? undefined : await plansOfHotel(db, hotelId).where('rp.id', '=', planId).executeTakeFirst();
  if (!row) throw notFound(CatalogErrors.PLAN_NOT_FOUND, 'No such plan in this hotel');
  return toPlan(row);
}

/** How a plan is paid, as its editor names the choice. */
export const PLAN_PAYMENTS = ['at_hotel', 'guarantee'] as const;

function readPlan(errors: FieldErrors, input: FormInput): PlanInput {
  const plan: PlanInput = {
    nameJa: readText(errors, input, 'nameJa', { label: 'Japanese name', max: 100 }),
    nameEn: readText(errors, input, 'nameEn', { label: 'English name', max: 100 }),
    meals: readChoice(errors, input, 'meals', { label: 'Meals', choices: MEALS }),
    freeCancelDays: readInteger(errors, input, 'freeCancelDays', { label: 'Free cancellation days', min: 0, max: 365 }),
    cancelFeePercent: readInteger(errors, input, 'cancelFeePercent', { label: 'Cancellation fee', min: 0, max: 100 }),
    noShowFeePercent: readInteger(errors, input, 'noShowFeePercent', { label: 'No-show fee', min: 0, max: 100 }),
    // a form from before plans had a payment choice keeps paying at the hotel
    guaranteeRequired: input.payment !== undefined && readChoice(errors, input, 'payment', { label: 'Payment', choices: PLAN_PAYMENTS }) === 'guarantee',
    saleStart: readDate(errors, input, 'saleStart', { label: 'Sale start', optional: true }),
    saleEnd: readDate(errors, input, 'saleEnd', { label: 'Sale end', optional: true }),
  };
  if (plan.saleStart && plan.saleEnd && plan.saleStart > plan.saleEnd && !errors.list.some((e) => e.field.startsWith('sale'))) {
    errors.add('saleEnd', 'Sale end must be on or after the sale start');
  }
  return plan;
}

const toRow = (plan: PlanInput) => ({
  name_ja: plan.nameJa,
  name_en: plan.nameEn,
  meals: plan.meals,
  free_cancel_days: plan.freeCancelDays,
  cancel_fee_percent: plan.cancelFeePercent,
  no_show_fee_percent: plan.noShowFeePercent,
  guarantee_required: plan.guaranteeRequired,
  sale_start: plan.saleStart,
  sale_end: plan.saleEnd,
});

/** A new plan starts inactive: it sells nothing until it has prices and is switched on. */
export async function createPlan(db: Executor, context: ManagementContext, form: FormInput): Promise<ManagedPlan> {
  const errors = new FieldErrors();
  const roomType = await findRoomType(db, context.hotelId, form.roomTypeId);
  if (!roomType) errors.add('roomTypeId', 'Choose one of your room types');
  const plan = readPlan(errors, form);
  errors.throwIfAny(CatalogErrors.INVALID_PLAN);
  const id = await commitChange(db, context, 'plans', async (trx) => {
    const row = await tablesOf<CatalogTables>(trx)
      .insertInto('rate_plans')
      .values({ room_type_id: roomType!.id, active: false, ...toRow(plan) })
      .returning('id')
      .executeTakeFirstOrThrow();
    await auditChange(trx, context, 'rate_plan.create', { type: 'rate_plan', id: row.id }, { roomTypeId: roomType!.id, ...plan });
    return row.id;
  });
  return getPlan(db, context.hotelId, id);
}

/** The room type stays: reservations already name it, and its prices are its own. */
export async function updatePlan(db: Executor, context: ManagementContext, id: unknown, form: FormInput): Promise<ManagedPlan> {
  const existing = await getPlan(db, context.hotelId, id);
  const errors = new FieldErrors();
  const plan = readPlan(errors, form);
  errors.throwIfAny(CatalogErrors.INVALID_PLAN);
  await commitChange(db, context, 'plans', async (trx) => {
    await tablesOf<CatalogTables>(trx).updateTable('rate_plans').set(toRow(plan)).where('id', '=', existing.id).execute();
    await auditChange(trx, context, 'rate_plan.update', { type: 'rate_plan', id: existing.id }, { before: existing, after: plan });
  });
  return getPlan(db, context.hotelId, existing.id);
}

export async function setPlanActive(db: Executor, context: ManagementContext, id: unknown, active: boolean): Promise<ManagedPlan> {
  const existing = await getPlan(db, context.hotelId, id);
  await commitChange(db, context, 'plans', async (trx) => {
    await tablesOf<CatalogTables>(trx).updateTable('rate_plans').set({ active }).where('id', '=', existing.id).execute();
    await auditChange(trx, context, active ? 'rate_plan.activate' : 'rate_plan.deactivate', { type: 'rate_plan', id: existing.id }, {});
  });
  return { ...existing, active };
}
