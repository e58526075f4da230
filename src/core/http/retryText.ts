/**
 * How a retry is announced, in the CLI's stderr and the editor's progress alike: what went wrong,
 * how long the wait is and which attempt comes next, e.g.
 * `429 Too Many Requests from GET /v2/tasks; retrying in 4.5 s (attempt 2)…`. The words go through
 * @vscode/l10n (the editor's language; English in the CLI); HTTP reason phrases stay as the RFCs spell them.
 */
import * as l10n from '@vscode/l10n';

/** Reason phrases for the statuses that are retried; any other reason is shown as it is. */
const STATUS_TEXT: Readonly<Record<string, string>> = {
  '408': '408 Request Timeout',
  '425': '425 Too Early',
  '429': '429 Too Many Requests',
  '500': '500 Internal Server Error',
  '502': '502 Bad Gateway',
  '503': '503 Service Unavailable',
  '504': '504 Gateway Timeout',
};

/**
 * undici's own codes for a connection that failed, in words (the code stays beside them, to search
 * for). A function, so each phrase is looked up in the editor's language when it is shown.
 */
const UNDICI_TEXT: Readonly<Record<string, (code: string) => string>> = {
  UND_ERR_SOCKET: (code) => l10n.t('connection lost ({0})', code),
  UND_ERR_CONNECT_TIMEOUT: (code) => l10n.t('connect timeout ({0})', code),
  UND_ERR_HEADERS_TIMEOUT: (code) => l10n.t('no response headers in time ({0})', code),
  UND_ERR_BODY_TIMEOUT: (code) => l10n.t('response body stalled ({0})', code),
  UND_ERR_CLOSED: (code) => l10n.t('connection closed ({0})', code),
};

/**
 * `429` → `429 Too Many Requests`, `UND_ERR_SOCKET` → `connection lost (UND_ERR_SOCKET)`;
 * `ECONNRESET`, `timeout`, `invalid JSON` stay as they are.
 */
export function reasonText(reason: string): string {
  if (Object.hasOwn(STATUS_TEXT, reason)) return STATUS_TEXT[reason] as string;
  return Object.hasOwn(UNDICI_TEXT, reason) ? (UNDICI_TEXT[reason] as (code: string) => string)(reason) : reason;
}

/** Seconds with one decimal below 10 s (`4.5 s`, `0.2 s`), whole seconds above (`12 s`). */
export function waitText(delayMs: number): string {
  const seconds = Math.max(0, delayMs) / 1000;
  return `${seconds < 10 ? seconds.toFixed(1) : String(Math.round(seconds))} s`;
}

/**
 * @param what what failed, e.g. `from GET /v2/tasks` or `on page 3` (no query string: it may hold names)
 * @param failedAttempt the attempt that just failed (1-based); the next one is announced
 */
export function retryText(reason: string, what: string, delayMs: number, failedAttempt: number): string {
  return l10n.t('{0} {1}; retrying in {2} (attempt {3})…', reasonText(reason), what, waitText(delayMs), failedAttempt + 1);
}
