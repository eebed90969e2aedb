import { defineErrorCodes } from '@hatago/platform/errors';

export const IdentityErrors = defineErrorCodes(
  'INVALID_CREDENTIALS', // deliberately does not say whether the account exists
  'LOGIN_THROTTLED',
  'ACCOUNT_UNDER_ATTACK', // only known devices may sign in until the window ends
  'ROLE_REQUIRED',
  'INVALID_SIGN_UP',
  'SIGN_UP_THROTTLED',
  'INVALID_CONTACT',
  'INVALID_PASSWORD_RESET',
  'PASSWORD_RESET_THROTTLED',
  'PASSWORD_RESET_LINK_INVALID', // unknown, used or expired: the guest cannot tell which
  'EMAIL_VERIFICATION_LINK_INVALID', // unknown, used or expired alike
  'INVALID_OPERATOR_ACCOUNT',
  'OPERATOR_ACCOUNT_NOT_FOUND',
  'OPERATOR_ACCOUNT_UNCHANGED',
  'OWN_ACCOUNT_UNCHANGEABLE', // so the console always keeps the admin using it
  'INVALID_API_TOKEN',
  'API_TOKEN_NOT_FOUND',
  'API_TOKEN_REVOKED',
  'API_TOKEN_INVALID', // unknown or revoked bearer token
  'MEMBER_NOT_FOUND',
  'INVALID_PROFILE',
  'INVALID_PASSWORD_CHANGE', // the current password is wrong too
  'PASSWORD_CHANGE_THROTTLED',
  'INVALID_SAVED_GUEST',
  'SAVED_GUEST_NOT_FOUND', // another member's saved guests are not found either
  'INVALID_EMAIL_CHANGE', // never says the new address is another member's: only that address's mailbox learns it
  'EMAIL_CHANGE_THROTTLED',
  'EMAIL_CHANGE_LINK_INVALID', // unknown, used or expired alike
  'EMAIL_CHANGE_ADDRESS_TAKEN', // told only to whoever opened the link mailed to that address
);
