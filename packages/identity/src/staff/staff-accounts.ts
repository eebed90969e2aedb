import type { RateLimiter } from '@hatago/cache';
import { type Executor, tablesOf } from '@hatago/db';
import type { IdentityTables, OperatorRole } from '../identity-tables.ts';
import { hashPassword } from '../passwords/password-hash.ts';
import { DatabaseRateLimiter } from '../throttle/database-rate-limiter.ts';
import { knownDeviceOf, normaliseLoginName, throttledLogin } from '../throttle/throttled-login.ts';

export type StaffKind = 'facility' | 'operator';

export interface StaffAccount {
  id: number;
  login: string;
  name: string;
  kind: StaffKind;
  /** The one hotel a facility account may see, or null when it runs a restaurant. */
  hotelId: number | null;
  /** The one restaurant a facility account may see, or null when it runs a hotel. */
  restaurantId: number | null;
  role: OperatorRole | null;
}

export async function createStaffAccount(
  db: Executor,
  account: { login: string; name: string; kind: StaffKind; hotelId?: number; restaurantId?: number; role?: OperatorRole; password: string },
): Promise<StaffAccount> {
  const row = await tablesOf<IdentityTables>(db)
    .insertInto('staff_accounts')
    .values({
      login: account.login,
      name: account.name,
      kind: account.kind,
      hotel_id: account.hotelId ?? null,
      restaurant_id: account.restaurantId ?? null,
      role: account.role ?? null,
      password_hash: await hashPassword(account.password),
    })
    .returningAll()
    .executeTakeFirstOrThrow();
  return toStaff(row);
}

export async function logInStaff(
  db: Executor,
  kind: StaffKind,
  input: { login: string; password: string; client: string; knownDevice?: string },
  limiter: RateLimiter = new DatabaseRateLimiter(db),
): Promise<StaffAccount> {
  const login = normaliseLoginName(input.login);
  const row = await throttledLogin(db, limiter, {
    account: `${kind}:${login}`,
    client: input.client,
    password: input.password,
    knownDevice: input.knownDevice,
    find: () =>
      tablesOf<IdentityTables>(db)
        .selectFrom('staff_accounts')
        .selectAll()
        .where('kind', '=', kind)
        .where('disabled_at', 'is', null)
        .where((eb) => eb(eb.fn('lower', ['login']), '=', login))
        .executeTakeFirst(),
    deviceOf: (account) => knownDeviceOf(kind, Number(account.id)),
    wrongCredentials: 'The login or password is wrong',
  });
  return toStaff(row);
}

/** An active account: a disabled one is as good as gone for every session it still holds. */
export async function getStaff(db: Executor, kind: StaffKind, id: number): Promise<StaffAccount | undefined> {
  const row = await tablesOf<IdentityTables>(db)
    .selectFrom('staff_accounts')
    .selectAll()
    .where('id', '=', id)
    .where('kind', '=', kind)
    .where('disabled_at', 'is', null)
    .executeTakeFirst();
  return row ? toStaff(row) : undefined;
}

export const toStaff = (row: { id: unknown; restaurant_id: number | null } & Omit<IdentityTables['staff_accounts'], 'id' | 'created_at' | 'disabled_at' | 'restaurant_id'>): StaffAccount => ({
  id: Number(row.id),
  login: row.login,
  name: row.name,
  kind: row.kind,
  hotelId: row.hotel_id,
  restaurantId: row.restaurant_id,
  role: row.role,
});
