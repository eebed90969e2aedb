import type { Generated } from 'kysely';

export type SubjectKind = 'member' | 'facility' | 'operator';
export type OperatorRole = 'support' | 'editor' | 'admin';
/** The languages the site and its mails are written in. */
export type MemberLanguage = 'ja' | 'en';

export interface IdentityTables {
  members: {
    id: Generated<number>;
    email: string;
    name: string;
    name_latin: string;
    phone: string;
    password_hash: string;
    created_at: Generated<Date>;
    /** Null until the member followed the link mailed at sign-up: they may sign in, not book. */
    email_verified_at: Generated<Date | null>;
    /** The language of the mails sent to the member, chosen on their profile. */
    preferred_lang: Generated<MemberLanguage>;
  };
  saved_guests: {
    id: Generated<number>;
    member_id: number;
    name: string;
    name_latin: string;
    phone: string;
    email: string | null;
    created_at: Generated<Date>;
    updated_at: Generated<Date>;
  };
  staff_accounts: {
    id: Generated<number>;
    login: string;
    name: string;
    kind: 'facility' | 'operator';
    hotel_id: number | null;
    restaurant_id: Generated<number | null>;
    role: OperatorRole | null;
    password_hash: string;
    created_at: Generated<Date>;
    /** A disabled account cannot sign in and its sessions are gone; the audit log keeps naming it. */
    disabled_at: Generated<Date | null>;
  };
  api_tokens: {
    id: Generated<number>;
    name: string;
    role: OperatorRole;
    token_hash: string;
    created_by: number;
    created_at: Generated<Date>;
    last_used_at: Date | null;
    revoked_at: Date | null;
  };
  sessions: {
    token_hash: string;
    subject_kind: SubjectKind;
    subject_id: number;
    created_at: Generated<Date>;
    expires_at: Date;
  };
  login_throttle: { key: string; failures: number; window_started_at: Date };
  password_reset_tokens: {
    token_hash: string;
    member_id: number;
    created_at: Generated<Date>;
    expires_at: Date;
    used_at: Date | null;
  };
  email_verification_tokens: {
    token_hash: string;
    member_id: number;
    created_at: Generated<Date>;
    expires_at: Date;
    used_at: Date | null;
  };
  email_change_tokens: {
    token_hash: string;
    member_id: number;
    /** The address the link proves; the member's becomes it when the link is spent. */
    new_email: string;
    created_at: Generated<Date>;
    expires_at: Date;
    used_at: Date | null;
  };
}
