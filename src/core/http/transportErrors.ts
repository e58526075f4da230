/**
 * What a transport error means, told apart without ever showing the key: refused locally (never
 * sent) or a network failure, its code, and a copy of its chain with the key removed.
 */
import { redactSecret } from './errors';

/** Node's and undici's codes for a request refused while it was being built (bad header, URL, …). */
const LOCAL_ERROR_CODES = new Set([
  'UND_ERR_INVALID_ARG',
  'UND_ERR_NOT_SUPPORTED',
  'ERR_INVALID_ARG_TYPE',
  'ERR_INVALID_ARG_VALUE',
  'ERR_INVALID_CHAR',
  'ERR_INVALID_HTTP_TOKEN',
  'ERR_INVALID_URL',
]);

/**
 * A request refused before it was sent. undici throws `InvalidArgumentError` (UND_ERR_INVALID_ARG);
 * fetch throws a bare `TypeError` while it builds the request, whereas its network failures are
 * `TypeError('fetch failed')` with the reason in `cause`.
 */
export function isLocalRequestError(error: unknown): boolean {
  for (let current = error, depth = 0; current instanceof Error && depth < 4; current = current.cause, depth++) {
    const code = (current as { code?: unknown }).code;
    if (typeof code === 'string' && LOCAL_ERROR_CODES.has(code)) return true;
  }
  return error instanceof TypeError && error.cause === undefined && error.message !== 'fetch failed';
}

/** A local error's reason without its message, which can quote the header value (the key). */
export function localReason(error: unknown): string {
  const code = (error as { code?: unknown }).code;
  if (typeof code === 'string') return code;
  return error instanceof Error ? error.name : 'invalid request';
}

/**
 * A copy of a transport error's chain (name, code, message) with the key removed. The original
 * objects can hold the request's headers, and an error's `cause` travels into logs.
 */
export function scrubbedCause(error: unknown, key: string, depth = 0): unknown {
  if (depth >= 4) return undefined;
  if (!(error instanceof Error)) return error === undefined ? undefined : redactSecret(String(error), key);
  const cause = error.cause === undefined ? undefined : scrubbedCause(error.cause, key, depth + 1);
  const copy = new Error(redactSecret(error.message, key), cause === undefined ? undefined : { cause });
  copy.name = error.name;
  const code = (error as { code?: unknown }).code;
  if (typeof code === 'string') Object.assign(copy, { code });
  copy.stack = `${copy.name}: ${copy.message}`;
  return copy;
}

export function errorCode(error: unknown): string {
  for (let current = error, depth = 0; current instanceof Error && depth < 4; current = current.cause, depth++) {
    const code = (current as { code?: unknown }).code;
    if (typeof code === 'string') return code;
  }
  return 'network error';
}
