import { type ErrorCode, PlatformErrors } from '@hatago/platform/errors';
import { titleOf } from '@hatago/platform/http';
import { EdgeErrors } from './edge-rules-errors.ts';

export interface EdgeProblem {
  status: number;
  title: string;
  code: string;
  detail: string;
  heading: string;
}

// the title is the status's RFC 9110 phrase, as the apps' problems carry it
const problem = (status: number, code: ErrorCode, detail: string, heading: string): EdgeProblem => ({ status, title: titleOf(status), code, detail, heading });

/** Everything the edge answers itself, in one place so pages and problem bodies stay consistent. */
export const PROBLEMS = {
  badRequest: problem(400, PlatformErrors.BAD_REQUEST, 'The request is malformed.', 'That request could not be read'),
  notFound: problem(404, PlatformErrors.NOT_FOUND, 'Nothing is served at this address.', 'Page not found'),
  methodNotAllowed: problem(405, EdgeErrors.METHOD_NOT_ALLOWED, 'This method is not allowed here.', 'That is not allowed'),
  tooLarge: problem(413, EdgeErrors.BODY_TOO_LARGE, 'The request body is too large.', 'That was too much to send'),
  uriTooLong: problem(414, EdgeErrors.URI_TOO_LONG, 'The address is too long.', 'That address is too long'),
  tooManyRequests: problem(429, EdgeErrors.RATE_LIMITED, 'Too many requests; try again shortly.', 'Please slow down'),
  notImplemented: problem(501, EdgeErrors.METHOD_NOT_IMPLEMENTED, 'This method is not supported.', 'That is not supported'),
  badGateway: problem(502, EdgeErrors.BACKEND_FAILED, 'The service did not answer properly; try again.', "We'll be right back"),
  unavailable: problem(503, EdgeErrors.BACKEND_UNAVAILABLE, 'The service is briefly unavailable; try again.', "We'll be right back"),
  gatewayTimeout: problem(504, EdgeErrors.BACKEND_TIMEOUT, 'The service took too long to answer; try again.', "We'll be right back"),
} satisfies Record<string, EdgeProblem>;

export const problemForStatus = (status: number): EdgeProblem =>
  status === 504 ? PROBLEMS.gatewayTimeout : status === 502 ? PROBLEMS.badGateway : PROBLEMS.unavailable;
