import type { Generated } from 'kysely';

export const MAIL_STATUSES = [
  'queued',
  'sending',
  'sent',
  'delivered',
  'deferred',
  'bounced',
  'dropped',
  'failed',
  'dead',
  'suppressed',
  'discarded',
] as const;
export type MailStatus = (typeof MAIL_STATUSES)[number];

export type MailChannel = 'email' | 'slack';

/** The mail module's tables; other modules reach them only through this package's functions. */
export interface MailTables {
  mail_messages: {
    id: Generated<number>;
    channel: Generated<MailChannel>;
    template: string;
    recipient: string;
    locale: 'ja' | 'en';
    params: string;
    category: string;
    idempotency_key: string;
    reference: string | null;
    status: Generated<MailStatus>;
    attempts: Generated<number>;
    next_attempt_at: Generated<Date>;
    leased_by: string | null;
    provider: string | null;
    provider_message_id: string | null;
    last_error: string | null;
    sent_at: Date | null;
    created_at: Generated<Date>;
    updated_at: Generated<Date>;
    subject: string | null;
    body_html: string | null;
    body_text: string | null;
    body_purged_at: Date | null;
    /** W3C traceparent/tracestate of the queuing request, as JSON; the worker continues that trace. */
    trace_context: string | null;
  };
  mail_events: {
    id: Generated<number>;
    message_id: number;
    type: string;
    occurred_at: Generated<Date>;
    source: 'worker' | 'provider' | 'operator';
    detail: string | null;
    provider_event_id: string | null;
  };
  mail_suppressions: {
    address: string;
    reason: 'bounce' | 'spamreport' | 'unsubscribe' | 'manual';
    source_message_id: number | null;
    created_at: Generated<Date>;
  };
  mail_sink_messages: {
    id: Generated<number>;
    message_id: number;
    sender: string;
    recipient: string;
    subject: string;
    body_html: string | null;
    body_text: string;
    headers: string;
    received_at: Generated<Date>;
  };
}
