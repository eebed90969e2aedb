import { DomainError } from '@hatago/platform/errors';
import { hasDisallowedCharacter, withoutDisallowedCharacters } from '@hatago/platform/input';
import { MailErrors } from '../mail-errors.ts';

/** The delivery and engagement events Hatago maps onto a message; others are acknowledged and ignored. */
export const SENDGRID_EVENTS = ['processed', 'deferred', 'delivered', 'bounce', 'dropped', 'spamreport', 'unsubscribe', 'open', 'click'] as const;
export type SendgridEventType = (typeof SENDGRID_EVENTS)[number];

/** One event of a webhook batch, reduced to the fields Hatago uses. */
export interface ProviderEvent {
  eventId: string;
  type: SendgridEventType;
  email: string;
  occurredAt: Date;
  /** Our mail_messages id, sent as the `hatago_message_id` custom arg and echoed back. */
  hatagoMessageId: number | null;
  /** SendGrid's id; its part before the first dot is the X-Message-Id of the send call. */
  sgMessageId: string | null;
  /** Reason, bounce type, response or clicked URL: what support staff need to explain it. */
  detail: string | null;
  /** For bounces: `bounce` (the address refused the mail) or `blocked` (a temporary refusal). */
  bounceType: string | null;
}

export interface ParsedBatch {
  events: ProviderEvent[];
  /** Events of other types, or without the fields needed to record them once. */
  skipped: number;
}

const MAX_DETAIL = 500;

const malformed = (message: string) => new DomainError('invalid', MailErrors.WEBHOOK_MALFORMED, message);

/**
 * Reads a verified batch. The body must be a JSON array of objects (anything else is a
 * broken sender and gets 400, so SendGrid's retry shows up in its logs); single events of
 * types we do not track are acknowledged and skipped, because refusing the batch would
 * make SendGrid resend it for hours.
 */
export function parseSendgridBatch(rawBody: Buffer): ParsedBatch {
  let body: unknown;
  try {
    body = JSON.parse(rawBody.toString('utf8'));
  } catch {
    throw malformed('The body is not valid JSON');
  }
  if (!Array.isArray(body)) throw malformed('The body must be a JSON array of events');
  const events: ProviderEvent[] = [];
  let skipped = 0;
  for (const item of body) {
    if (typeof item !== 'object' || item === null || Array.isArray(item)) throw malformed('Every event must be a JSON object');
    const event = readEvent(item as Record<string, unknown>);
    if (event) events.push(event);
    else skipped += 1;
  }
  return { events, skipped };
}

function readEvent(raw: Record<string, unknown>): ProviderEvent | null {
  const type = raw.event;
  const eventId = raw.sg_event_id;
  const email = raw.email;
  const timestamp = raw.timestamp;
  if (typeof type !== 'string' || !(SENDGRID_EVENTS as readonly string[]).includes(type)) return null;
  // identifiers with a character no column takes cannot be matched or recorded once: skipped like an unknown event
  if (typeof eventId !== 'string' || eventId.length === 0 || eventId.length > 200 || hasDisallowedCharacter(eventId)) return null;
  if (typeof email !== 'string' || email.length > 320 || hasDisallowedCharacter(email)) return null;
  if (typeof timestamp !== 'number' || !Number.isInteger(timestamp) || timestamp < 0 || timestamp > 253402300799) return null;
  return {
    eventId,
    type: type as SendgridEventType,
    email: email.trim().toLowerCase(),
    occurredAt: new Date(timestamp * 1000),
    hatagoMessageId: messageIdOf(raw.hatago_message_id),
    sgMessageId: identifierOf(raw.sg_message_id, 300),
    detail: detailOf(type as SendgridEventType, raw),
    bounceType: type === 'bounce' ? identifierOf(raw.type, 50) : null,
  };
}

const identifierOf = (value: unknown, max: number): string | null =>
  typeof value === 'string' && value.length <= max && !hasDisallowedCharacter(value) ? value : null;

/** Custom args come back as strings; a number is accepted too. */
function messageIdOf(value: unknown): number | null {
  const text = typeof value === 'number' ? String(value) : value;
  return typeof text === 'string' && /^[1-9]\d{0,15}$/.test(text) && Number.isSafeInteger(Number(text)) ? Number(text) : null;
}

function detailOf(type: SendgridEventType, raw: Record<string, unknown>): string | null {
  const text = (key: string) => (typeof raw[key] === 'string' && raw[key] !== '' ? (raw[key] as string) : null);
  const parts =
    type === 'bounce'
      ? [text('type'), text('status'), text('reason')]
      : type === 'dropped'
        ? [text('reason')]
        : type === 'deferred'
          ? [text('response'), typeof raw.attempt === 'string' || typeof raw.attempt === 'number' ? `attempt ${raw.attempt}` : null]
          : type === 'click'
            ? [text('url')]
            : type === 'delivered'
              ? [text('response')]
              : [];
  const detail = withoutDisallowedCharacters(parts.filter((p): p is string => p !== null).join(' · '));
  return detail ? detail.slice(0, MAX_DETAIL) : null;
}
