import type { KeyObject } from 'node:crypto';
import type { Database } from '@hatago/db';
import { parseSendgridBatch, recordProviderEvents, SIGNATURE_HEADER, sendgridPublicKey, TIMESTAMP_HEADER, verifySendgridSignature } from '@hatago/mail';
import { DomainError, type ErrorCode } from '@hatago/platform/errors';
import { problemFrom, sendProblem, titleOf } from '@hatago/platform/http';
import { Type } from '@sinclair/typebox';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { MailerErrors } from '../mailer-errors.ts';

/** Spread into the mailer's environment schema. */
export const SendgridWebhookEnv = {
  /** The verification key from SendGrid's Mail Settings (base64 DER); unset turns the endpoint off. */
  SENDGRID_WEBHOOK_PUBLIC_KEY: Type.Optional(Type.String({ minLength: 40, pattern: '^[A-Za-z0-9+/]+={0,2}$' })),
  /** How old a signed batch may be before it counts as a replay. */
  SENDGRID_WEBHOOK_MAX_AGE_SECONDS: Type.Integer({ minimum: 30, maximum: 3600, default: 300 }),
};

export interface SendgridWebhookDeps {
  database: Database;
  /** Base64 DER (SPKI) as SendGrid shows it; without one every batch is refused with 503. */
  publicKey: string | undefined;
  maxAgeSeconds?: number;
  now?: () => Date;
}

export const SENDGRID_EVENTS_PATH = '/webhooks/sendgrid/events';

// SendGrid posts a batch when it reaches 768 KB or every 30 s; twice that leaves headroom
const BODY_LIMIT = 2 * 1024 * 1024;

const REFUSALS = {
  unsigned: { status: 401, code: MailerErrors.WEBHOOK_UNSIGNED, detail: 'The request carries no SendGrid signature and timestamp' },
  malformed: { status: 400, code: MailerErrors.WEBHOOK_SIGNATURE_MALFORMED, detail: 'The signature or timestamp header is not well-formed' },
  forged: { status: 401, code: MailerErrors.WEBHOOK_SIGNATURE_INVALID, detail: 'The signature does not match the body and timestamp' },
  stale: { status: 401, code: MailerErrors.WEBHOOK_STALE, detail: 'The signed timestamp is too old; replays are refused' },
  future: { status: 401, code: MailerErrors.WEBHOOK_FROM_FUTURE, detail: 'The signed timestamp is in the future' },
} as const;

/**
 * SendGrid's signed Event Webhook. A Fastify plugin so that its raw-body parser stays
 * inside it: the signature covers the exact bytes received, and every other route of
 * the mailer keeps parsing JSON as usual.
 */
export function sendgridWebhookRoutes(deps: SendgridWebhookDeps) {
  const key: KeyObject | null = deps.publicKey ? sendgridPublicKey(deps.publicKey) : null;
  const maxAgeSeconds = deps.maxAgeSeconds ?? 300;
  const now = deps.now ?? (() => new Date());

  return async function plugin(app: FastifyInstance): Promise<void> {
    app.removeAllContentTypeParsers();
    app.addContentTypeParser('*', { parseAs: 'buffer', bodyLimit: BODY_LIMIT }, (_request, body, done) => done(null, body));

    app.post(SENDGRID_EVENTS_PATH, { bodyLimit: BODY_LIMIT }, async (request, reply) => {
      if (!key) return refuse(request, reply, 503, MailerErrors.WEBHOOK_NOT_CONFIGURED, 'SENDGRID_WEBHOOK_PUBLIC_KEY is not set on this mailer');
      const rawBody = Buffer.isBuffer(request.body) ? request.body : Buffer.alloc(0);
      const verdict = verifySendgridSignature({
        key,
        signature: headerOf(request, SIGNATURE_HEADER),
        timestamp: headerOf(request, TIMESTAMP_HEADER),
        rawBody,
        now: now(),
        toleranceSeconds: maxAgeSeconds,
      });
      if (!verdict.ok) {
        const refusal = REFUSALS[verdict.reason];
        request.log.warn({ reason: verdict.reason }, 'sendgrid webhook refused');
        return refuse(request, reply, refusal.status, refusal.code, refusal.detail);
      }
      let batch;
      try {
        batch = parseSendgridBatch(rawBody);
      } catch (error) {
        if (!(error instanceof DomainError)) throw error;
        return refuse(request, reply, 400, error.code, error.message);
      }
      const outcome = await recordProviderEvents(deps.database.db, batch.events);
      request.log.info({ ...outcome, skipped: batch.skipped }, 'sendgrid events recorded');
      reply.header('cache-control', 'no-store');
      return { received: batch.events.length + batch.skipped, skipped: batch.skipped, ...outcome };
    });
  };
}

const headerOf = (request: FastifyRequest, name: string) => {
  const value = request.headers[name];
  return typeof value === 'string' ? value : undefined;
};

function refuse(request: FastifyRequest, reply: FastifyReply, status: number, code: ErrorCode, detail: string) {
  const base = problemFrom(new DomainError('invalid', code, detail), request);
  return sendProblem(reply, { ...base, status, title: titleOf(status) });
}
