import { recordAudit } from '@hatago/audit';
import type { Executor } from '@hatago/db';
import type { StaffAccount } from '@hatago/identity';
import type { FastifyRequest } from 'fastify';

/** Who and which request, as every operator audit entry names them. */
export const auditActor = (staff: StaffAccount) => ({ id: staff.id, name: staff.name });

/** Records an operator action that changes nothing else, such as reading personal data. */
export function auditAction(
  db: Executor,
  request: FastifyRequest,
  action: string,
  target: { type: string; id: string },
  detail?: Record<string, unknown>,
): Promise<void> {
  return recordAudit(db, {
    actor: { kind: 'operator', ...auditActor(request.staff) },
    action,
    target,
    ...(detail ? { detail } : {}),
    requestId: request.id,
  });
}
