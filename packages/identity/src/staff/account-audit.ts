import { recordAudit } from '@hatago/audit';
import type { Executor } from '@hatago/db';
import type { StaffAccount } from './staff-accounts.ts';

/** Who did it and in which request: account and token changes are audited in their own transaction. */
export interface AccountAction {
  by: Pick<StaffAccount, 'id' | 'name'>;
  requestId: string;
}

export const auditAccountAction = (trx: Executor, action: AccountAction, verb: string, target: { type: 'staff' | 'api_token'; id: number }, detail: Record<string, unknown>) =>
  recordAudit(trx, {
    actor: { kind: 'operator', id: action.by.id, name: action.by.name },
    action: verb,
    target: { type: target.type, id: String(target.id) },
    detail,
    requestId: action.requestId,
  });
