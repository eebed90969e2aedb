import { DomainError } from '@hatago/platform/errors';
import { IdentityErrors } from '../identity-errors.ts';
import type { OperatorRole } from '../identity-tables.ts';
import type { StaffAccount } from './staff-accounts.ts';

export const OPERATOR_ROLES = ['support', 'editor', 'admin'] as const satisfies readonly OperatorRole[];

/**
 * What each operator role may do. Roles are sets of capabilities, not ranks: support serves
 * guests and never touches the site's content, an editor changes the site's content and
 * never sees a guest's reservation or mail, an admin does everything. Every operator route
 * names one capability (apps/operator checks that none is left out).
 */
export const CAPABILITIES = {
  /** The console's landing page and one's own session. */
  'console.enter': ['support', 'editor', 'admin'],
  'reservations.read': ['support', 'admin'],
  'reservations.cancel': ['support', 'admin'],
  /** Change a stay's dates, plan, guests or rooms at today's prices, as the guest asks on the phone. */
  'reservations.modify': ['support', 'admin'],
  /** Queue the guest's booking confirmation again: support's answer to "I never got the mail". */
  'reservations.resend': ['support', 'admin'],
  /** Staff notes on a reservation, for the next person who serves the guest. */
  'reservations.note': ['support', 'admin'],
  /** Waiving a fee gives away the hotel's money. */
  'reservations.waive_fee': ['admin'],
  /** Mail history and bodies, the dev mailbox, the suppression list: guests' personal data. */
  'mail.read': ['support', 'admin'],
  'mail.retry': ['support', 'admin'],
  'mail.discard': ['admin'],
  'mail.suppression.lift': ['admin'],
  'audit.read': ['admin'],
  /** Service levels, error budgets and charts: aggregates with no guest's data. */
  'sre.read': ['support', 'editor', 'admin'],
  /** Every operator follows incidents; those who run the service open and update them. */
  'incidents.read': ['support', 'editor', 'admin'],
  'incidents.write': ['support', 'admin'],
  /** Recent traces show routes and SQL text: for administrators. */
  'traces.read': ['admin'],
  /** Upload, validate and preview a banner document, read versions and diffs. */
  'banners.edit': ['editor', 'admin'],
  /** Publish or roll back: the change reaches every guest. */
  'banners.publish': ['editor', 'admin'],
  /** Feature flags, their state per environment and their history: support reads them to tell what a guest saw. */
  'flags.read': ['support', 'editor', 'admin'],
  /** Create, edit, delete, and the kill switch: the change reaches every visitor within seconds. */
  'flags.write': ['editor', 'admin'],
  'accounts.manage': ['admin'],
  'api_tokens.manage': ['admin'],
} as const satisfies Record<string, readonly OperatorRole[]>;

export type OperatorCapability = keyof typeof CAPABILITIES;

const GRANTS = new Map<string, ReadonlySet<OperatorRole>>(Object.entries(CAPABILITIES).map(([capability, roles]) => [capability, new Set(roles)]));

export const isOperatorCapability = (value: unknown): value is OperatorCapability => typeof value === 'string' && GRANTS.has(value);
export const isOperatorRole = (value: unknown): value is OperatorRole => typeof value === 'string' && (OPERATOR_ROLES as readonly string[]).includes(value);

type Roled = Pick<StaffAccount, 'role'>;

export const can = (staff: Roled, capability: OperatorCapability): boolean => staff.role !== null && GRANTS.get(capability)!.has(staff.role);

export function requireCapability(staff: Roled, capability: OperatorCapability): void {
  if (!can(staff, capability)) {
    throw new DomainError('forbidden', IdentityErrors.ROLE_REQUIRED, `The ${staff.role ?? 'facility'} role may not do this (${capability})`);
  }
}
