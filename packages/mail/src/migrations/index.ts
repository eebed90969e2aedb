import type { ModuleMigrations } from '@hatago/db';
import * as mailOutbox from './2026-11-25.03-mail-outbox.ts';

export const mailMigrations: ModuleMigrations = {
  '2026-11-25.03-mail-outbox': mailOutbox,
};
