import { type Executor, tablesOf } from '@hatago/db';
import { DomainError, FieldErrors } from '@hatago/platform/errors';
import { parseContact } from '../contact/contact-details.ts';
import { IdentityErrors } from '../identity-errors.ts';
import type { IdentityTables, MemberLanguage } from '../identity-tables.ts';
import { getMember, type Member } from './member-accounts.ts';

export const MEMBER_LANGUAGES: readonly MemberLanguage[] = ['ja', 'en'];

const isMemberLanguage = (value: unknown): value is MemberLanguage => MEMBER_LANGUAGES.includes(value as MemberLanguage);

/**
 * Changes what a member may change about themselves: names, phone and the language of
 * their mails. The address is not among them: it is what they sign in with and where
 * their bookings are mailed, and a new one would have to be proven first. Checked as
 * sign-up checks contact details; a wrong field changes nothing.
 */
export async function updateMemberProfile(
  db: Executor,
  memberId: number,
  input: { name?: unknown; nameLatin?: unknown; phone?: unknown; preferredLang?: unknown },
): Promise<Member> {
  const member = await getMember(db, memberId);
  if (!member) throw new DomainError('not_found', IdentityErrors.MEMBER_NOT_FOUND, 'No such member');
  const errors = new FieldErrors();
  let contact: ReturnType<typeof parseContact> | undefined;
  try {
    contact = parseContact({ ...input, email: member.email }, { requireLatin: true });
  } catch (error) {
    if (!(error instanceof DomainError)) throw error;
    error.fields.forEach((f) => errors.add(f.field, f.message));
  }
  if (!isMemberLanguage(input.preferredLang)) errors.add('preferredLang', 'Choose Japanese or English');
  errors.throwIfAny(IdentityErrors.INVALID_PROFILE);
  await tablesOf<IdentityTables>(db)
    .updateTable('members')
    .set({ name: contact!.name, name_latin: contact!.nameLatin, phone: contact!.phone, preferred_lang: input.preferredLang as MemberLanguage })
    .where('id', '=', memberId)
    .execute();
  return { ...member, name: contact!.name, nameLatin: contact!.nameLatin, phone: contact!.phone, preferredLang: input.preferredLang as MemberLanguage };
}
