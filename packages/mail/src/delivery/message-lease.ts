import { sql } from 'kysely';
import type { Executor } from '@hatago/db';
import type { MailChannel } from '../mail-tables.ts';

/** A message a worker holds: its lease ends at the `next_attempt_at` the claim set. */
export interface ClaimedMessage {
  id: number;
  channel: MailChannel;
  template: string;
  recipient: string;
  locale: 'ja' | 'en';
  params: unknown;
  category: string;
  /** Counting this one. */
  attempts: number;
  /** The queuing request's trace context, continued by the delivery (see enqueue-mail.ts). */
  trace_context: string | null;
  /** When it was queued: the mail-delivery SLO counts from here. */
  queuedAt: Date;
}

/**
 * Claims up to `limit` due messages for one worker, oldest due first. `skip locked` lets
 * concurrent workers pass over each other's rows instead of queueing behind them; the
 * lease is `next_attempt_at`, so a worker that dies leaves its messages due again once it
 * ends, with no sweeper. The 'sending' event is written in the same statement.
 */
export async function claimMessages(
  db: Executor,
  options: { workerId: string; channels: readonly MailChannel[]; limit: number; leaseMs: number },
): Promise<ClaimedMessage[]> {
  if (options.limit <= 0) return [];
  const { rows } = await sql<ClaimedMessage>`
    with due as (
      select id from mail_messages
      where status in ('queued', 'sending') and next_attempt_at <= now()
        and channel in (${sql.join(options.channels)})
      order by next_attempt_at
      limit ${options.limit}
      for update skip locked
    ), claimed as (
      update mail_messages m
      set status = 'sending', leased_by = ${options.workerId}, attempts = m.attempts + 1, updated_at = now(),
          next_attempt_at = now() + ${options.leaseMs} * interval '1 millisecond'
      from due where m.id = due.id
      returning m.id, m.channel, m.template, m.recipient, m.locale, m.params, m.category, m.attempts, m.trace_context, m.created_at as "queuedAt"
    ), logged as (
      insert into mail_events (message_id, type, source, detail)
      select id, 'sending', 'worker', 'attempt ' || attempts || ' by ' || ${options.workerId} from claimed
    )
    select * from claimed order by id`.execute(db);
  return rows.map((r) => ({ ...r, id: Number(r.id), queuedAt: new Date(r.queuedAt), params: typeof r.params === 'string' ? JSON.parse(r.params) : r.params }));
}

/** How a worker's attempt ended; each becomes the message's status and one timeline event. */
export type Outcome =
  | { kind: 'sent'; provider: string; providerMessageId: string | null; subject: string; html: string | null; text: string }
  | { kind: 'retry'; delayMs: number; error: string }
  | { kind: 'dead'; error: string }
  | { kind: 'failed'; error: string }
  | { kind: 'suppressed' };

const STATUS = { sent: 'sent', retry: 'queued', dead: 'dead', failed: 'failed', suppressed: 'suppressed' } as const;

function eventOf(outcome: Outcome): { type: string; detail: string | null } {
  switch (outcome.kind) {
    case 'sent':
      return { type: 'sent', detail: `${outcome.provider}${outcome.providerMessageId ? ` ${outcome.providerMessageId}` : ''}` };
    case 'retry':
      return { type: 'retry_scheduled', detail: `${outcome.error} (next try in ${Math.round(outcome.delayMs / 1000)} s)` };
    case 'suppressed':
      return { type: 'suppressed', detail: 'the address is on the suppression list' };
    default:
      return { type: outcome.kind, detail: outcome.error };
  }
}

/** One row of the outcomes a statement records: what changes on the message and its event. */
function rowOf(messageId: number, outcome: Outcome) {
  const sent = outcome.kind === 'sent' ? outcome : null;
  const event = eventOf(outcome);
  return {
    id: messageId,
    status: STATUS[outcome.kind],
    sent: sent !== null,
    provider: sent?.provider ?? null,
    provider_message_id: sent?.providerMessageId ?? null,
    subject: sent?.subject ?? null,
    body_html: sent?.html ?? null,
    body_text: sent?.text ?? null,
    last_error: 'error' in outcome ? outcome.error : null,
    delay_ms: outcome.kind === 'retry' ? outcome.delayMs : null,
    event_type: event.type,
    event_detail: event.detail,
  };
}

/**
 * Records attempts' ends, each only while this worker still holds its lease: if it expired
 * and another worker took the message over, the late result is dropped rather than
 * overwriting the newer attempt. One statement for many messages (their changes travel as
 * one JSON parameter); returns the ids it recorded.
 */
export async function recordOutcomes(db: Executor, workerId: string, outcomes: ReadonlyArray<{ messageId: number; outcome: Outcome }>): Promise<Set<number>> {
  if (outcomes.length === 0) return new Set();
  const rows = JSON.stringify(outcomes.map((o) => rowOf(o.messageId, o.outcome)));
  const { rows: recorded } = await sql<{ message_id: number }>`
    with outcome as (
      select * from jsonb_to_recordset(${rows}::jsonb) as o(id bigint, status text, sent boolean, provider text, provider_message_id text,
        subject text, body_html text, body_text text, last_error text, delay_ms float8, event_type text, event_detail text)
    ), done as (
      update mail_messages m
      set status = o.status, leased_by = null, updated_at = now(), last_error = o.last_error,
          provider = case when o.sent then o.provider else m.provider end,
          provider_message_id = case when o.sent then o.provider_message_id else m.provider_message_id end,
          sent_at = case when o.sent then now() else m.sent_at end,
          subject = case when o.sent then o.subject else m.subject end,
          body_html = case when o.sent then o.body_html else m.body_html end,
          body_text = case when o.sent then o.body_text else m.body_text end,
          next_attempt_at = case when o.delay_ms is null then m.next_attempt_at else now() + o.delay_ms * interval '1 millisecond' end
      from outcome o
      where m.id = o.id and m.leased_by = ${workerId} and m.status = 'sending'
      returning m.id
    )
    insert into mail_events (message_id, type, source, detail)
    select o.id, o.event_type, 'worker', o.event_detail from done join outcome o on o.id = done.id
    order by o.id
    returning message_id`.execute(db);
  return new Set(recorded.map((r) => Number(r.message_id)));
}

/** {@link recordOutcomes} of one attempt: whether it was recorded. */
export async function recordOutcome(db: Executor, workerId: string, messageId: number, outcome: Outcome): Promise<boolean> {
  return (await recordOutcomes(db, workerId, [{ messageId, outcome }])).has(messageId);
}

/**
 * Hands claimed but unsent messages back at once (draining, or a lease about to run out)
 * so another worker need not wait for the lease; the attempt they never had is not counted.
 */
export async function releaseMessages(db: Executor, workerId: string, messageIds: number[]): Promise<number> {
  if (messageIds.length === 0) return 0;
  const { rows } = await sql`
    with released as (
      update mail_messages
      set status = 'queued', leased_by = null, attempts = attempts - 1, next_attempt_at = now(), updated_at = now()
      where id in (${sql.join(messageIds)}) and leased_by = ${workerId} and status = 'sending'
      returning id
    )
    insert into mail_events (message_id, type, source, detail)
    select id, 'released', 'worker', ${`unsent by ${workerId}`} from released
    returning message_id`.execute(db);
  return rows.length;
}

/**
 * Seconds since the oldest message that is due now was queued (0 when none is): how late
 * the workers are, which a deep but moving queue does not tell.
 */
export async function oldestDueMessageAge(db: Executor): Promise<number> {
  const { rows } = await sql<{ age: number | null }>`
    select extract(epoch from now() - min(created_at))::float8 as age from mail_messages
    where status in ('queued', 'sending') and next_attempt_at <= now()`.execute(db);
  return Math.max(0, Number(rows[0]?.age ?? 0));
}

/** Messages waiting or in flight: the queue-depth gauge, served by the partial due index. */
export async function mailQueueDepth(db: Executor): Promise<number> {
  const { rows } = await sql<{ n: number }>`select count(*)::int as n from mail_messages where status in ('queued', 'sending')`.execute(db);
  return Number(rows[0]?.n ?? 0);
}
