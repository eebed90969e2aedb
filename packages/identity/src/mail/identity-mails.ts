import type { Template } from '@hatago/mail';
import { emailChangeAddressInUse } from './email-change-address-in-use.ts';
import { emailChangeConfirm } from './email-change-confirm.ts';
import { emailChangeRequested } from './email-change-requested.ts';
import { loginFailuresSustained } from './login-failures-sustained.ts';
import { memberVerifyEmail } from './member-verify-email.ts';
import { memberWelcome } from './member-welcome.ts';
import { passwordChanged } from './password-changed.ts';
import { passwordReset } from './password-reset.ts';
import { signUpAttempted } from './sign-up-attempted.ts';

/** Every mail identity sends, for the template registry of the processes that deliver them. */
export const identityMails: readonly Template[] = [memberWelcome, memberVerifyEmail, signUpAttempted, passwordReset, passwordChanged, loginFailuresSustained, emailChangeConfirm, emailChangeRequested, emailChangeAddressInUse];
