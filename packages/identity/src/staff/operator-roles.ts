import { DomainError } from '@hatago/platform/errors';
import { IdentityErrors } from '../identity-errors.ts';
import type { OperatorRole } from '../identity-tables.ts';
import type { StaffAccount } from './staff-accounts.ts';

/** Admins may do everything support may, and more. */
const RANK: Record<OperatorRole, number> = { support: 1, admin: 2 };

type Ranked = Pick<StaffAccount, 'role'>;

export const hasRole = (staff: Ranked, role: OperatorRole): boolean => staff.role !== null && RANK[staff.role] >= RANK[role];

export function requireRole(staff: Ranked, role: OperatorRole, what: string): void {
  if (!hasRole(staff, role)) throw new DomainError('forbidden', IdentityErrors.ROLE_REQUIRED, `Only ${role} operators may ${what}`);
}
