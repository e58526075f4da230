/**
 * How HttpClient reads one attempt's response: the outcome type the retry loop acts on, and the
 * readers for JSON, optional JSON, JSON with headers, a redirect's Location, and streamed bytes.
 */
import type { Endpoint, TaskLensError } from './errors';
import { invalidBodyFailure } from './responseErrors';
import type { JsonWithHeaders } from './client';
import type { TransportResponse } from './transport';

export type AttemptOutcome<T> =
  | { readonly ok: true; readonly value: T }
  | {
      readonly ok: false;
      readonly error: TaskLensError;
      readonly retryable: boolean;
      readonly reason: string;
      readonly retryAfterMs?: number;
      readonly invalidBody?: boolean;
    };

/** `activity` re-arms the attempt's timeout (a streamed read makes it an idle timeout). */
export type ResponseReader<T> = (
  response: TransportResponse,
  endpoint: Endpoint,
  attempt: number,
  activity: () => void,
) => Promise<AttemptOutcome<T>>;

export const readJson: ResponseReader<unknown> = async (response, endpoint, attempt) => {
  // A body that breaks mid-way throws here and is handled as a network failure (retryable).
  const text = await response.text();
  try {
    return { ok: true, value: JSON.parse(text) as unknown };
  } catch {
    const problem = text.trim() === '' ? 'the body was empty' : 'the body is not valid JSON (truncated or not JSON at all)';
    return { ok: false, error: invalidBodyFailure(endpoint, problem, attempt), retryable: true, invalidBody: true, reason: 'invalid JSON' };
  }
};

/** A write's answer: JSON when there is a body, undefined for an empty one (e.g. 204). */
export const readOptionalJson: ResponseReader<unknown> = async (response, endpoint, attempt) => {
  const text = await response.text();
  if (text.trim() === '') return { ok: true, value: undefined };
  try {
    return { ok: true, value: JSON.parse(text) as unknown };
  } catch {
    return {
      ok: false,
      error: invalidBodyFailure(endpoint, 'the body is not valid JSON', attempt),
      retryable: false,
      reason: 'invalid JSON',
    };
  }
};

export const readJsonWithHeaders: ResponseReader<JsonWithHeaders> = async (response, endpoint, attempt, activity) => {
  const outcome = await readJson(response, endpoint, attempt, activity);
  // Headers stay readable after the body was consumed, so the lookup is handed on as is.
  return outcome.ok ? { ok: true, value: { body: outcome.value, header: (name) => response.header(name) } } : outcome;
};

export const readRedirect: ResponseReader<string> = async (response, endpoint, attempt) => {
  const location = response.header('location');
  await response.discard();
  if (location) return { ok: true, value: location };
  return {
    ok: false,
    error: invalidBodyFailure(endpoint, `redirect (${response.status}) without a Location header`, attempt),
    retryable: false,
    reason: 'no location',
  };
};

/** A body's bytes as they arrive, marking activity (the idle timeout restarts) with each chunk. */
export async function* bodyChunks(response: TransportResponse, activity: () => void): AsyncIterable<Uint8Array> {
  if (!response.stream) {
    yield Buffer.from(await response.text(), 'utf8');
    return;
  }
  for await (const chunk of response.stream()) {
    activity();
    yield chunk;
  }
}
