export type { IdentityTables, MemberLanguage, OperatorRole, SubjectKind } from './identity-tables.ts';
export { IdentityErrors } from './identity-errors.ts';
export { identityMigrations } from './migrations/index.ts';
export { identityMails } from './mail/identity-mails.ts';
export { memberWelcome } from './mail/member-welcome.ts';
export { passwordReset } from './mail/password-reset.ts';
export { passwordChanged } from './mail/password-changed.ts';
export { parseContact, type ContactDetails } from './contact/contact-details.ts';
export { hashPassword, verifyPassword } from './passwords/password-hash.ts';
export { createSession, resolveSession, endSession, SESSION_TTL_MS } from './sessions/sessions.ts';
export { THROTTLE } from './throttle/login-throttle.ts';
export { knownDeviceOf } from './throttle/throttled-login.ts';
export { DatabaseRateLimiter } from './throttle/database-rate-limiter.ts';
export { EMAIL_VERIFICATION, isVerifiedMember, verifyMemberEmail } from './members/email-verification.ts';
export { signUpMember, logInMember, getMember, PASSWORD_RULES, type Member } from './members/member-accounts.ts';
export { createStaffAccount, logInStaff, getStaff, type StaffAccount, type StaffKind } from './staff/staff-accounts.ts';
export { CAPABILITIES, can, isOperatorCapability, isOperatorRole, OPERATOR_ROLES, requireCapability, type OperatorCapability } from './staff/operator-roles.ts';
export { changeOperatorAccount, createOperatorAccount, listOperatorAccounts, type OperatorAccount } from './staff/operator-accounts.ts';
export type { AccountAction } from './staff/account-audit.ts';
export { createApiToken, listApiTokens, resolveApiToken, revokeApiToken, type ApiToken } from './staff/api-tokens.ts';
export { PASSWORD_RESET, passwordResetLinkIsValid, requestPasswordReset, resetPassword } from './password-reset/password-reset.ts';
export { MEMBER_LANGUAGES, updateMemberProfile } from './members/member-profile.ts';
export { changeMemberPassword, PASSWORD_CHANGE } from './members/password-change.ts';
export { confirmEmailChange, EMAIL_CHANGE, requestEmailChange } from './members/email-change.ts';
export {
  addSavedGuest,
  getSavedGuest,
  listSavedGuests,
  removeSavedGuest,
  SAVED_GUESTS_PER_MEMBER,
  type SavedGuest,
  updateSavedGuest,
} from './saved-guests/saved-guests.ts';
