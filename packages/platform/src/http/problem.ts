import { STATUS_CODES } from 'node:http';
import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { DomainError, type DomainErrorKind, type FieldError } from '../errors/domain-error.ts';
import { PlatformErrors } from '../errors/platform-errors.ts';
import { traceIdOf } from './request-tracing.ts';

/** RFC 9457 problem details, extended with our stable `code`, the request id and the trace id. */
export interface Problem {
  type: string;
  title: string;
  status: number;
  detail?: string;
  instance?: string;
  code: string;
  requestId: string;
  /** The W3C trace id, to find the request's trace in the tracing backend. */
  traceId?: string;
  errors?: FieldError[];
}

const STATUS_OF_KIND: Record<DomainErrorKind, number> = {
  invalid: 422,
  not_found: 404,
  conflict: 409,
  unauthorized: 401,
  forbidden: 403,
  rate_limited: 429,
};

// node's reason phrases predate RFC 9110, which renamed these two
const RFC_9110_RENAMED: Record<number, string> = { 413: 'Content Too Large', 422: 'Unprocessable Content' };

/** The status's RFC 9110 §15 reason phrase: the title of an `about:blank` problem (RFC 9457 §4.2.1), the apps' and the edge's. */
export const titleOf = (status: number) => RFC_9110_RENAMED[status] ?? STATUS_CODES[status] ?? 'Error';

/** Turns any thrown error into a problem; unexpected errors reveal nothing internal. */
export function problemFrom(error: unknown, request: FastifyRequest): Problem {
  const traceId = traceIdOf(request.raw);
  const base = { instance: request.url.split('?')[0], requestId: String(request.id), ...(traceId ? { traceId } : {}) };
  if (error instanceof DomainError) {
    const status = STATUS_OF_KIND[error.kind];
    return {
      type: `https://hatago.example/problems/${error.code.toLowerCase().replace(/_/g, '-')}`,
      title: titleOf(status),
      status,
      detail: error.message,
      code: error.code,
      ...(error.fields.length ? { errors: error.fields } : {}),
      ...base,
    };
  }
  const fastifyError = error as FastifyError;
  if (fastifyError.validation) {
    return {
      type: 'https://hatago.example/problems/invalid-request',
      title: titleOf(400),
      status: 400,
      detail: 'The request does not match the expected shape',
      code: PlatformErrors.INVALID_REQUEST,
      errors: fastifyError.validation.map((v) => ({
        field: fieldName(v.instancePath, v.params, fastifyError.validationContext),
        message: v.message ?? 'is invalid',
      })),
      ...base,
    };
  }
  const status = fastifyError.statusCode;
  if (status && status >= 400 && status < 500) {
    return {
      type: `https://hatago.example/problems/${(fastifyError.code ?? 'bad-request').toLowerCase().replace(/_/g, '-')}`,
      title: titleOf(status),
      status,
      detail: status === 413 ? 'The request body is too large' : fastifyError.message,
      code: fastifyError.code ?? PlatformErrors.BAD_REQUEST,
      ...base,
    };
  }
  return {
    type: 'about:blank',
    title: titleOf(500),
    status: 500,
    detail: 'Something went wrong on our side. Quote the request id to support.',
    code: PlatformErrors.INTERNAL,
    ...base,
  };
}

function fieldName(instancePath: string, params: unknown, context: string | undefined): string {
  const missing = (params as { missingProperty?: string } | undefined)?.missingProperty;
  const path = instancePath.replace(/^\//, '').replace(/\//g, '.');
  const name = [path, missing].filter(Boolean).join('.');
  return context ? `${context}${name ? `.${name}` : ''}` : name;
}

/** Errors describe one request at one moment: no cache may keep them. */
export function sendProblem(reply: FastifyReply, problem: Problem): FastifyReply {
  return reply.code(problem.status).type('application/problem+json').header('cache-control', 'no-store').send(problem);
}
