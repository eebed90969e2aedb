import { type Executor, isUniqueViolation, tablesOf } from '@hatago/db';
import { conflict, DomainError, FieldErrors, notFound } from '@hatago/platform/errors';
import { readText } from '@hatago/platform/input';
import { IdentityErrors } from '../identity-errors.ts';
import type { IdentityTables, OperatorRole } from '../identity-tables.ts';
import { checkNewPassword } from '../members/member-accounts.ts';
import { type AccountAction, auditAccountAction } from './account-audit.ts';
import { isOperatorRole, OPERATOR_ROLES } from './operator-roles.ts';
import { createStaffAccount, type StaffAccount, toStaff } from './staff-accounts.ts';

export interface OperatorAccount extends StaffAccount {
  role: OperatorRole;
  createdAt: Date;
  disabledAt: Date | null;
}

const LOGIN = /^[a-z0-9][a-z0-9._@-]{1,62}$/;

export async function listOperatorAccounts(db: Executor): Promise<OperatorAccount[]> {
  const rows = await tablesOf<IdentityTables>(db).selectFrom('staff_accounts').selectAll().where('kind', '=', 'operator').orderBy('login').execute();
  return rows.map((row) => ({ ...toStaff(row), role: row.role!, createdAt: row.created_at, disabledAt: row.disabled_at }));
}

/** Reads and checks a new operator account, reporting every wrong field at once. */
export function parseNewOperator(input: Record<string, unknown>): { login: string; name: string; role: OperatorRole; password: string } {
  const errors = new FieldErrors();
  const login = typeof input.login === 'string' ? input.login.trim().toLowerCase() : '';
  if (!LOGIN.test(login)) errors.add('login', 'Use 2 to 63 lowercase letters, digits or . _ @ -, starting with a letter or digit');
  const name = readText(errors, input, 'name', { label: 'Name', max: 100 });
  if (!isOperatorRole(input.role)) errors.add('role', `Choose one of ${OPERATOR_ROLES.join(', ')}`);
  const password = checkNewPassword(input.password, errors);
  errors.throwIfAny(IdentityErrors.INVALID_OPERATOR_ACCOUNT);
  return { login, name, role: input.role as OperatorRole, password };
}

export async function createOperatorAccount(db: Executor, input: Record<string, unknown>, action: AccountAction): Promise<StaffAccount> {
  const account = parseNewOperator(input);
  try {
    return await db.transaction().execute(async (trx) => {
      const created = await createStaffAccount(trx, { ...account, kind: 'operator' });
      await auditAccountAction(trx, action, 'operator_account.create', { type: 'staff', id: created.id }, { login: created.login, role: created.role });
      return created;
    });
  } catch (error) {
    if (!isUniqueViolation(error)) throw error;
    const errors = new FieldErrors();
    errors.add('login', 'An operator with this login exists already');
    errors.throwIfAny(IdentityErrors.INVALID_OPERATOR_ACCOUNT);
    throw error;
  }
}

/**
 * Changes another operator's role, or disables or enables their account; nobody changes
 * their own, so the console always keeps the admin who is using it. Disabling ends the
 * account's sessions at once.
 */
export async function changeOperatorAccount(
  db: Executor,
  id: number,
  change: { role: unknown } | { disabled: boolean },
  action: AccountAction,
): Promise<OperatorAccount> {
  if (id === action.by.id) throw new DomainError('forbidden', IdentityErrors.OWN_ACCOUNT_UNCHANGEABLE, 'Ask another admin to change your own account');
  if ('role' in change && !isOperatorRole(change.role)) {
    const errors = new FieldErrors();
    errors.add('role', `Choose one of ${OPERATOR_ROLES.join(', ')}`);
    errors.throwIfAny(IdentityErrors.INVALID_OPERATOR_ACCOUNT);
  }
  return db.transaction().execute(async (trx) => {
    const t = tablesOf<IdentityTables>(trx);
    const before = await t.selectFrom('staff_accounts').selectAll().where('id', '=', id).where('kind', '=', 'operator').forUpdate().executeTakeFirst();
    if (!before) throw notFound(IdentityErrors.OPERATOR_ACCOUNT_NOT_FOUND, `No operator account #${id}`);
    if ('role' in change) {
      const role = change.role as OperatorRole;
      if (role === before.role) throw conflict(IdentityErrors.OPERATOR_ACCOUNT_UNCHANGED, `${before.login} is ${role} already`);
      await t.updateTable('staff_accounts').set({ role }).where('id', '=', id).execute();
      await auditAccountAction(trx, action, 'operator_account.role', { type: 'staff', id }, { login: before.login, from: before.role, to: role });
    } else {
      if (change.disabled === (before.disabled_at !== null)) throw conflict(IdentityErrors.OPERATOR_ACCOUNT_UNCHANGED, `${before.login} is ${change.disabled ? 'disabled' : 'enabled'} already`);
      await t.updateTable('staff_accounts').set({ disabled_at: change.disabled ? new Date() : null }).where('id', '=', id).execute();
      if (change.disabled) await t.deleteFrom('sessions').where('subject_kind', '=', 'operator').where('subject_id', '=', id).execute();
      await auditAccountAction(trx, action, change.disabled ? 'operator_account.disable' : 'operator_account.enable', { type: 'staff', id }, { login: before.login });
    }
    const after = await t.selectFrom('staff_accounts').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
    return { ...toStaff(after), role: after.role!, createdAt: after.created_at, disabledAt: after.disabled_at };
  });
}

