import type { ModuleMigrations } from '@hatago/db';
import * as mailOutbox from './2026-11-25.03-mail-outbox.ts';
import * as mailDelivery from './2026-11-25.06-mail-delivery.ts';
import * as mailHistoryIndexes from './2026-11-25.07-mail-history-indexes.ts';
import * as mailTraceContext from './2026-12-07.03-mail-trace-context.ts';

export const mailMigrations: ModuleMigrations = {
  '2026-11-25.03-mail-outbox': mailOutbox,
  '2026-11-25.06-mail-delivery': mailDelivery,
  '2026-11-25.07-mail-history-indexes': mailHistoryIndexes,
  '2026-12-07.03-mail-trace-context': mailTraceContext,
};
