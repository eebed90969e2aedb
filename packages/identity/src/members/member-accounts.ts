import { randomUUID } from 'node:crypto';
import { type Selectable, sql } from 'kysely';
import type { RateLimiter } from '@hatago/cache';
import { type Executor, tablesOf } from '@hatago/db';
import { enqueueMail } from '@hatago/mail';
import { DomainError, FieldErrors } from '@hatago/platform/errors';
import { type ContactDetails, parseContact } from '../contact/contact-details.ts';
import type { IdentityTables, MemberLanguage } from '../identity-tables.ts';
import { signUpAttempted } from '../mail/sign-up-attempted.ts';
import { hashPassword } from '../passwords/password-hash.ts';
import { knownDeviceOf, normaliseLoginName, throttledLogin } from '../throttle/throttled-login.ts';
import { DatabaseRateLimiter } from '../throttle/database-rate-limiter.ts';
import { claimSignUpAttempt } from '../throttle/login-throttle.ts';
import { IdentityErrors } from '../identity-errors.ts';
import { sendVerificationLink, type VerificationMail } from './email-verification.ts';

export interface Member extends ContactDetails {
  id: number;
  /** Whether the member followed the mailed link; until then they book as a guest. */
  emailVerified: boolean;
  /** The language of the mails the member gets, and their account's default. */
  preferredLang: MemberLanguage;
}

export const PASSWORD_RULES = { min: 10, max: 200 } as const;

export function checkNewPassword(password: unknown, errors: FieldErrors): string {
  const value = typeof password === 'string' ? password : '';
  if (value.length < PASSWORD_RULES.min || value.length > PASSWORD_RULES.max)
    errors.add('password', `Use ${PASSWORD_RULES.min} to ${PASSWORD_RULES.max} characters`);
  return value;
}

/**
 * Signs a new address up and mails it a verification link, answering the same whether or
 * not the address is registered: only its owner learns which, from the mail. A registered
 * address gets a note that someone tried to sign up with it, or a fresh link while it is
 * still unverified (the first may have expired). Returns the new member, if one was made.
 */
export async function signUpMember(
  db: Executor,
  input: { name?: unknown; nameLatin?: unknown; email?: unknown; phone?: unknown; password?: unknown },
  origin: { client: string } & VerificationMail,
  limiter: RateLimiter = new DatabaseRateLimiter(db),
): Promise<Member | undefined> {
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
  // the deliberately slow hash runs before the transaction, so it holds no locks meanwhile,
  // and for registered addresses too, so both answers take as long
  const passwordHash = await hashPassword(password);
  return db.transaction().execute(async (trx) => {
    const t = tablesOf<IdentityTables>(trx);
    const row = await t
      .insertInto('members')
      .values({
        email: contact!.email,
        name: contact!.name,
        name_latin: contact!.nameLatin,
        phone: contact!.phone,
        password_hash: passwordHash,
        preferred_lang: origin.locale,
      })
      .onConflict((oc) => oc.expression(sql`lower(email)`).doNothing())
      .returning('id')
      .executeTakeFirst();
    if (row) {
      const member = { id: Number(row.id), ...contact!, emailVerified: false, preferredLang: origin.locale };
      await sendVerificationLink(trx, member, origin);
      return member;
    }
    const registered = await t
      .selectFrom('members')
      .select(['id', 'name', 'email', 'email_verified_at', 'preferred_lang'])
      .where((eb) => eb(eb.fn('lower', ['email']), '=', contact!.email.toLowerCase()))
      .executeTakeFirstOrThrow();
    if (registered.email_verified_at === null) {
      await sendVerificationLink(trx, { id: Number(registered.id), name: registered.name, email: registered.email }, origin);
      return undefined;
    }
    await enqueueMail(trx, signUpAttempted, {
      to: registered.email,
      locale: registered.preferred_lang,
      category: 'member',
      idempotencyKey: `sign-up-attempted:${registered.id}:${randomUUID()}`,
      params: { name: registered.name },
    });
    return undefined;
  });
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

export const toMember = (row: Selectable<IdentityTables['members']>): Member => ({
  id: Number(row.id),
  email: row.email,
  name: row.name,
  nameLatin: row.name_latin,
  phone: row.phone,
  emailVerified: row.email_verified_at !== null,
  preferredLang: row.preferred_lang,
});
