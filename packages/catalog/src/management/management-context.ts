import { recordAudit } from '@hatago/audit';
import type { Executor } from '@hatago/db';

/** Who changes the catalogue, and for which hotel: every query and write is scoped by it. */
export interface ManagementContext {
  hotelId: number;
  actor: { id: number; name: string };
  requestId: string;
}

/** Records a facility change in the audit log, inside the transaction that makes it. */
export function auditChange(
  trx: Executor,
  context: ManagementContext,
  action: string,
  target: { type: 'room_type' | 'rate_plan'; id: number },
  detail: Record<string, unknown>,
): Promise<void> {
  return recordAudit(trx, {
    actor: { kind: 'facility', ...context.actor },
    action,
    target: { type: target.type, id: String(target.id) },
    detail: { hotelId: context.hotelId, ...detail },
    requestId: context.requestId,
  });
}
