import { type Executor, tablesOf } from '@hatago/db';
import type { MailTables } from '../mail-tables.ts';

export interface MailSummary {
  id: number;
  template: string;
  recipient: string;
  status: string;
  createdAt: string;
}

/** Every mail about one thing (e.g. a reservation code), oldest first, for support staff. */
export async function listMailForReference(db: Executor, reference: string): Promise<MailSummary[]> {
  const rows = await tablesOf<MailTables>(db)
    .selectFrom('mail_messages')
    .select(['id', 'template', 'recipient', 'status', 'created_at'])
    .where('reference', '=', reference)
    .orderBy('id')
    .limit(200)
    .execute();
  return rows.map((r) => ({
    id: Number(r.id),
    template: r.template,
    recipient: r.recipient,
    status: r.status,
    createdAt: new Date(r.created_at).toISOString(),
  }));
}
