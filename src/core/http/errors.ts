/**
 * Typed errors for everything that talks to a platform API. Every message is meant to be shown to a
 * person as is: it says what failed (method, path, server), why, and what to do next. Messages never
 * carry a query string (it can hold names a user considers private) and never an API key.
 */
import * as l10n from '@vscode/l10n';

export type TaskLensErrorKind =
  'auth' | 'not_found' | 'rate_limited' | 'server' | 'bad_request' | 'network' | 'timeout' | 'cancelled' | 'invalid_response';

/** The request an error is about, as it may be shown: no query string, no credentials. */
export interface Endpoint {
  readonly method: string;
  /** URL path only, e.g. `/v2/tasks`. */
  readonly path: string;
  /** Scheme, host and port, e.g. `https://api.scale.com`. */
  readonly origin: string;
}

export interface TaskLensErrorDetails {
  readonly endpoint?: Endpoint;
  /** HTTP status, when the server answered. */
  readonly status?: number;
  /** The server's own error text (already truncated and redacted). */
  readonly serverMessage?: string;
  /** How many attempts were made before giving up. */
  readonly attempts?: number;
  readonly cause?: unknown;
}

export abstract class TaskLensError extends Error {
  abstract readonly kind: TaskLensErrorKind;
  readonly endpoint: Endpoint | undefined;
  readonly status: number | undefined;
  readonly serverMessage: string | undefined;
  readonly attempts: number | undefined;

  constructor(message: string, details: TaskLensErrorDetails = {}) {
    super(message, details.cause === undefined ? undefined : { cause: details.cause });
    this.name = new.target.name;
    this.endpoint = details.endpoint;
    this.status = details.status;
    this.serverMessage = details.serverMessage;
    this.attempts = details.attempts;
  }
}

/** 401 or 403: the key is missing, wrong, expired or not allowed to see this resource. */
export class AuthError extends TaskLensError {
  readonly kind = 'auth';
}

/** 404: the id or name does not exist, or this key cannot see it. */
export class NotFoundError extends TaskLensError {
  readonly kind = 'not_found';
}

/** 429 that outlasted the retries (or asked for a longer wait than we are willing to sleep). */
export class RateLimitedError extends TaskLensError {
  readonly kind = 'rate_limited';
  /** The wait the server asked for, when it said. */
  readonly retryAfterMs: number | undefined;
  constructor(message: string, details: TaskLensErrorDetails & { readonly retryAfterMs?: number } = {}) {
    super(message, details);
    this.retryAfterMs = details.retryAfterMs;
  }
}

/** 5xx that outlasted the retries. */
export class ServerError extends TaskLensError {
  readonly kind = 'server';
}

/** Any other 4xx: the request itself is wrong (bad parameter, expired page token, …). */
export class BadRequestError extends TaskLensError {
  readonly kind = 'bad_request';
}

/** The server could not be reached, or the connection broke, on every attempt. */
export class NetworkError extends TaskLensError {
  readonly kind = 'network';
}

/** One attempt took longer than the configured timeout. */
export class TimeoutError extends TaskLensError {
  readonly kind = 'timeout';
}

/** The caller aborted. Never retried; callers usually stay silent about it. */
export class CancelledError extends TaskLensError {
  readonly kind = 'cancelled';
}

/** The server answered 2xx but the body was not JSON, or not the shape the endpoint promises. */
export class InvalidResponseError extends TaskLensError {
  readonly kind = 'invalid_response';
}

export function isTaskLensError(value: unknown): value is TaskLensError {
  return value instanceof TaskLensError;
}

export function isCancelledError(value: unknown): value is CancelledError {
  return value instanceof CancelledError;
}

/** `GET /v2/tasks at https://api.scale.com`, the way every message names a request. */
export function describeEndpoint(endpoint: Endpoint): string {
  return l10n.t('{0} {1} at {2}', endpoint.method, endpoint.path, endpoint.origin);
}

const REDACTED = '***';

/**
 * Replaces every occurrence of `secret` in `text`. Defence in depth: messages are built without the
 * key, but server error text or a transport's message could echo it back. Short secrets are
 * replaced too: a mangled word in a message is better than a key in a log.
 */
export function redactSecret(text: string, secret: string | undefined | null): string {
  if (!secret) return text;
  return text.split(secret).join(REDACTED);
}

/** Last line of defence, in place: no message or stack leaves a client holding the key. */
export function scrubSecret(error: TaskLensError, secret: string): TaskLensError {
  error.message = redactSecret(error.message, secret);
  if (error.stack) error.stack = redactSecret(error.stack, secret);
  return error;
}
