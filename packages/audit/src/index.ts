import type { ModuleMigrations } from '@hatago/db';
import * as auditLog from './migrations/2026-11-25.05-audit-log.ts';

export {
  recordAudit,
  listAudit,
  countAudit,
  type AuditEntry,
  type AuditFilter,
  type AuditRecord,
  type AuditTables,
} from './audit-log.ts';
export const auditMigrations: ModuleMigrations = { '2026-11-25.05-audit-log': auditLog };
export { describeDetail, diffValues, type AuditChange, type AuditFact } from './audit-changes.ts';
