export type { IdentityTables, OperatorRole, SubjectKind } from './identity-tables.ts';
export { identityMigrations } from './migrations/index.ts';
export { parseContact, isEmail, type ContactDetails } from './contact/contact-details.ts';
export { hashPassword, verifyPassword } from './passwords/password-hash.ts';
export { createSession, resolveSession, endSession, SESSION_TTL_MS } from './sessions/sessions.ts';
export { THROTTLE } from './throttle/login-throttle.ts';
export { signUpMember, logInMember, getMember, PASSWORD_RULES, type Member } from './members/member-accounts.ts';
export { createStaffAccount, logInStaff, getStaff, type StaffAccount, type StaffKind } from './staff/staff-accounts.ts';
export { PASSWORD_RESET, passwordResetLinkIsValid, requestPasswordReset, resetPassword } from './password-reset/password-reset.ts';
