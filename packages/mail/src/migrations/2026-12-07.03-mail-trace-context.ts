import { type Kysely, sql } from 'kysely';

/**
 * The W3C trace context of the request that queued the message (traceparent and tracestate
 * as JSON), so the worker that sends it, later and maybe in another process, continues the
 * same trace. Null for messages queued outside a trace.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await sql`alter table mail_messages add column trace_context text`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`alter table mail_messages drop column trace_context`.execute(db);
}
