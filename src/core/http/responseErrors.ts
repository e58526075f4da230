/**
 * Turns HTTP outcomes into the typed errors of `errors.ts`, with messages a person can act on.
 * Kept apart from the request loop so the wording lives in one place. The wording goes through
 * @vscode/l10n: the editor's language in the editor, English in the CLI.
 */
import * as l10n from '@vscode/l10n';
import {
  AuthError,
  BadRequestError,
  CancelledError,
  describeEndpoint,
  InvalidResponseError,
  NetworkError,
  NotFoundError,
  RateLimitedError,
  ServerError,
  TimeoutError,
  type Endpoint,
  type TaskLensError,
} from './errors';

import { displayText } from '../../shared/displayText';

const MAX_SERVER_MESSAGE_LENGTH = 300;

/**
 * Pulls the server's explanation out of an error body. Scale sends `{status_code, error}`; other
 * platforms use `{message}` or `{errors: [...]}`; a proxy may send HTML, which we do not quote.
 */
export function extractServerMessage(body: string): string | undefined {
  const trimmed = body.trim();
  if (trimmed === '') return undefined;
  let text: string | undefined;
  try {
    text = messageFromJson(JSON.parse(trimmed));
  } catch {
    text = trimmed.startsWith('<') ? undefined : trimmed;
  }
  if (text === undefined) return undefined;
  // Control characters from an untrusted body would garble a terminal or a notification.
  const clean = text.replace(/[\u0000-\u001f\u007f]+/g, ' ').trim();
  if (clean === '') return undefined;
  return clean.length > MAX_SERVER_MESSAGE_LENGTH ? `${clean.slice(0, MAX_SERVER_MESSAGE_LENGTH)}…` : clean;
}

function messageFromJson(value: unknown): string | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  const record = value as Record<string, unknown>;
  for (const key of ['error', 'message', 'detail']) {
    const field = record[key];
    if (typeof field === 'string') return field;
    if (typeof field === 'object' && field !== null) return messageFromJson(field);
  }
  const errors = record.errors;
  if (Array.isArray(errors)) {
    const parts = errors.map((e) => (typeof e === 'string' ? e : messageFromJson(e))).filter(Boolean);
    if (parts.length > 0) return parts.join('; ');
  }
  return undefined;
}

export interface StatusFailure {
  readonly endpoint: Endpoint;
  readonly status: number;
  readonly serverMessage: string | undefined;
  readonly attempts: number;
  readonly retryAfterMs?: number;
  /** What to tell the person about fixing their key, e.g. `set a new key with “Task Lens: Set API Key”`. */
  readonly authHint: string;
  /** A redirect's `Location`, to name where the API tried to send us. */
  readonly location?: string | null;
  /** Replaces "check the id or name" in a 404 when the base URL itself is the likely problem. */
  readonly notFoundHint?: string;
}

function said(serverMessage: string | undefined): string {
  return serverMessage ? ` ${l10n.t('Server said: “{0}”', serverMessage)}` : '';
}

function afterAttempts(attempts: number): string {
  return attempts > 1 ? ` ${l10n.t('after {0} attempts', attempts)}` : '';
}

export function errorForStatus(failure: StatusFailure): TaskLensError {
  const { endpoint, status, serverMessage, attempts } = failure;
  const where = describeEndpoint(endpoint);
  const details = { endpoint, status, serverMessage, attempts };
  if (status === 401) {
    return new AuthError(`${l10n.t('API key rejected (401) by {0} — {1}.', where, failure.authHint)}${said(serverMessage)}`, details);
  }
  if (status === 403) {
    return new AuthError(
      `${l10n.t('API key not allowed (403) to {0} — check that the key belongs to a team with access, or {1}.', where, failure.authHint)}${said(serverMessage)}`,
      details,
    );
  }
  if (status === 404) {
    const hint = failure.notFoundHint ?? l10n.t('check the id or name');
    return new NotFoundError(
      `${l10n.t('Not found (404): {0} — {1}', where, hint)}${/[.?!]$/.test(hint) ? '' : '.'}${said(serverMessage)}`,
      details,
    );
  }
  if (status === 429) {
    const wait =
      failure.retryAfterMs !== undefined ? ` ${l10n.t('The server asked to wait {0}.', formatDuration(failure.retryAfterMs))}` : '';
    return new RateLimitedError(
      `${l10n.t('Rate limited (429) by {0}{1} — wait a little and try again.', where, afterAttempts(attempts))}${wait}${said(serverMessage)}`,
      { ...details, retryAfterMs: failure.retryAfterMs },
    );
  }
  if (status >= 500) {
    return new ServerError(
      `${l10n.t('Server error ({0}) from {1}{2} — the service may be having trouble; try again later.', status, where, afterAttempts(attempts))}${said(serverMessage)}`,
      details,
    );
  }
  if (status >= 300 && status < 400) {
    return new InvalidResponseError(
      l10n.t(
        'Unexpected redirect ({0}) from {1} to {2} — not followed: an API must answer itself; check the base URL.',
        status,
        where,
        redirectTarget(failure.location, endpoint),
      ),
      details,
    );
  }
  return new BadRequestError(`${l10n.t('Request rejected ({0}) by {1}.', status, where)}${said(serverMessage)}`, details);
}

/** Where a redirect pointed, as it may be shown: origin and path, no query or credentials. */
function redirectTarget(location: string | null | undefined, endpoint: Endpoint): string {
  if (!location) return l10n.t('an unnamed location');
  try {
    const url = new URL(location, `${endpoint.origin}${endpoint.path}`);
    const path = url.pathname.length > 200 ? `${url.pathname.slice(0, 200)}…` : url.pathname;
    return displayText(`${url.origin}${path}`);
  } catch {
    return l10n.t('an invalid location');
  }
}

export function networkFailure(endpoint: Endpoint, attempts: number, cause: unknown): NetworkError {
  return new NetworkError(
    l10n.t(
      'Could not reach {0} ({1} {2}){3}: {4} — check the base URL, your network and proxy settings.',
      endpoint.origin,
      endpoint.method,
      endpoint.path,
      afterAttempts(attempts),
      describeCause(cause),
    ),
    { endpoint, attempts, cause },
  );
}

/** The request was refused on this machine before it was sent (e.g. a header it cannot carry). */
export function localRequestFailure(endpoint: Endpoint, reason: string): BadRequestError {
  return new BadRequestError(
    l10n.t(
      'Could not send {0}: the request was refused before it left this machine ({1}) — check the API key and the base URL for characters they cannot contain.',
      describeEndpoint(endpoint),
      reason,
    ),
    { endpoint, attempts: 1 },
  );
}

export function timeoutFailure(endpoint: Endpoint, timeoutMs: number, attempts: number): TimeoutError {
  return new TimeoutError(
    l10n.t(
      '{0} timed out after {1}{2} — the server is slow or unreachable; try again later.',
      describeEndpoint(endpoint),
      formatDuration(timeoutMs),
      afterAttempts(attempts),
    ),
    { endpoint, attempts },
  );
}

export function cancelledFailure(endpoint: Endpoint): CancelledError {
  return new CancelledError(l10n.t('{0} {1} was cancelled.', endpoint.method, endpoint.path), { endpoint });
}

export function invalidBodyFailure(endpoint: Endpoint, problem: string, attempts: number): InvalidResponseError {
  return new InvalidResponseError(
    l10n.t(
      'Unexpected response from {0}{1}: {2} — the server or a proxy in between sent something other than the expected JSON; try again, and check the base URL if it persists.',
      describeEndpoint(endpoint),
      afterAttempts(attempts),
      problem,
    ),
    { endpoint, attempts },
  );
}

/** Names the lowest-level reason (undici nests the useful code in `cause`). */
function describeCause(cause: unknown): string {
  let current: unknown = cause;
  let best = l10n.t('connection failed');
  for (let depth = 0; depth < 4 && current instanceof Error; depth++) {
    const code = (current as { code?: unknown }).code;
    best = typeof code === 'string' ? `${code} (${current.message})` : current.message || best;
    current = current.cause;
  }
  return best;
}

export function formatDuration(ms: number): string {
  if (ms < 1000) return `${ms} ms`;
  const seconds = ms / 1000;
  return Number.isInteger(seconds) ? `${seconds} s` : `${seconds.toFixed(1)} s`;
}
