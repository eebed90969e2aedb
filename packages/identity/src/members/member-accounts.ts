import type { Selectable } from 'kysely';
import type { RateLimiter } from '@hatago/cache';
import { type Executor, isUniqueViolation, tablesOf } from '@hatago/db';
import { enqueueMail } from '@hatago/mail';
import { conflict, DomainError, FieldErrors } from '@hatago/platform/errors';
import { type ContactDetails, parseContact } from '../contact/contact-details.ts';
import type { IdentityTables } from '../identity-tables.ts';
import { memberWelcome } from '../mail/member-welcome.ts';
import { hashPassword } from '../passwords/password-hash.ts';
import { knownDeviceOf, normaliseLoginName, throttledLogin } from '../throttle/throttled-login.ts';
import { DatabaseRateLimiter } from '../throttle/database-rate-limiter.ts';
import { claimSignUpAttempt } from '../throttle/login-throttle.ts';
import { IdentityErrors } from '../identity-errors.ts';

export interface Member extends ContactDetails {
  id: number;
}

export const PASSWORD_RULES = { min: 10, max: 200 } as const;

export function checkNewPassword(password: unknown, errors: FieldErrors): string {
  const value = typeof password === 'string' ? password : '';
  if (value.length < PASSWORD_RULES.min || value.length > PASSWORD_RULES.max)
    errors.add('password', `Use ${PASSWORD_RULES.min} to ${PASSWORD_RULES.max} characters`);
  return value;
}

/**
 * Creates a member and queues the welcome mail in the same transaction: there is no
 * member without their welcome, and no welcome for a sign-up that failed.
 */
export async function signUpMember(
  db: Executor,
  input: { name?: unknown; nameLatin?: unknown; email?: unknown; phone?: unknown; password?: unknown },
  origin: { client: string; locale?: 'ja' | 'en' },
  limiter: RateLimiter = new DatabaseRateLimiter(db),
): Promise<Member> {
  const errors = new FieldErrors();
  let contact: ContactDetails | undefined;
  try {
    contact = parseContact(input, { requireLatin: true });
  } catch (error) {
    if (!(error instanceof DomainError)) throw error;
    error.fields.forEach((f) => errors.add(f.field, f.message));
  }
  const password = checkNewPassword(input.password, errors);
  errors.throwIfAny(IdentityErrors.INVALID_SIGN_UP);
  await claimSignUpAttempt(limiter, origin.client);
  // the deliberately slow hash runs before the transaction, so it holds no locks meanwhile
  const passwordHash = await hashPassword(password);
  try {
    return await db.transaction().execute(async (trx) => {
      const row = await tablesOf<IdentityTables>(trx)
        .insertInto('members')
        .values({
          email: contact!.email,
          name: contact!.name,
          name_latin: contact!.nameLatin,
          phone: contact!.phone,
          password_hash: passwordHash,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      const member = { id: Number(row.id), ...contact! };
      await enqueueMail(trx, memberWelcome, {
        to: member.email,
        locale: origin.locale ?? 'ja',
        category: 'member',
        idempotencyKey: `member-welcome:${member.id}`,
        params: { name: member.name },
      });
      return member;
    });
  } catch (error) {
    if (isUniqueViolation(error)) throw conflict(IdentityErrors.EMAIL_TAKEN, 'An account with this email already exists; log in instead');
    throw error;
  }
}

export async function logInMember(
  db: Executor,
  input: { email: string; password: string; client: string; knownDevice?: string },
  limiter: RateLimiter = new DatabaseRateLimiter(db),
): Promise<Member> {
  const email = normaliseLoginName(input.email);
  const row = await throttledLogin(db, limiter, {
    account: `member:${email}`,
    client: input.client,
    password: input.password,
    knownDevice: input.knownDevice,
    find: () =>
      tablesOf<IdentityTables>(db)
        .selectFrom('members')
        .selectAll()
        .where((eb) => eb(eb.fn('lower', ['email']), '=', email))
        .executeTakeFirst(),
    deviceOf: (member) => knownDeviceOf('member', Number(member.id)),
    wrongCredentials: 'The email or password is wrong',
  });
  return toMember(row);
}

export async function getMember(db: Executor, id: number): Promise<Member | undefined> {
  const row = await tablesOf<IdentityTables>(db).selectFrom('members').selectAll().where('id', '=', id).executeTakeFirst();
  return row ? toMember(row) : undefined;
}

const toMember = (row: Selectable<IdentityTables['members']>): Member => ({
  id: Number(row.id),
  email: row.email,
  name: row.name,
  nameLatin: row.name_latin,
  phone: row.phone,
});
