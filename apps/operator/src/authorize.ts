import type { OperatorRole, StaffAccount } from '@hatago/identity';
import { DomainError } from '@hatago/platform/errors';
import { OperatorErrors } from './operator-errors.ts';

/** Admins may do everything support may, and more. */
const RANK: Record<OperatorRole, number> = { support: 1, admin: 2 };

export const hasRole = (staff: StaffAccount, role: OperatorRole): boolean =>
  staff.role !== null && RANK[staff.role] >= RANK[role];

export function requireRole(staff: StaffAccount, role: OperatorRole, what: string): void {
  if (!hasRole(staff, role)) throw new DomainError('forbidden', OperatorErrors.ROLE_REQUIRED, `Only ${role} operators may ${what}`);
}
