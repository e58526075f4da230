/**
 * Minimal shape checks on Scale responses: enough that a wrong body (an HTML page, another API, a
 * changed envelope) becomes a clear InvalidResponseError instead of a crash deep in the UI. Objects
 * are returned as they came: nothing is copied, renamed or dropped.
 */
import { describeEndpoint, InvalidResponseError, type Endpoint } from '../http/errors';
import type { Page } from '../http/pagination';

type JsonRecord = Record<string, unknown>;

function invalid(endpoint: Endpoint, problem: string): InvalidResponseError {
  return new InvalidResponseError(
    `Unexpected response from ${describeEndpoint(endpoint)}: ${problem} — check that the base URL points at the Scale v2 API.`,
    { endpoint },
  );
}

function describeJsonType(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  return `a ${typeof value}`;
}

export function expectObject(body: unknown, endpoint: Endpoint, what = 'the body'): JsonRecord {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    throw invalid(endpoint, `${what} should be a JSON object but is ${describeJsonType(body)}`);
  }
  return body as JsonRecord;
}

/** `body[field]` must be an array of objects. */
export function expectObjectArray<T>(body: unknown, field: string, endpoint: Endpoint): T[] {
  const record = expectObject(body, endpoint);
  const value = record[field];
  if (!Array.isArray(value)) throw invalid(endpoint, `“${field}” should be an array but is ${describeJsonType(value)}`);
  const bad = value.findIndex((item) => typeof item !== 'object' || item === null || Array.isArray(item));
  if (bad !== -1) throw invalid(endpoint, `“${field}[${bad}]” should be an object but is ${describeJsonType(value[bad])}`);
  return value as T[];
}

/** `body[field]` must be a string (required ids such as `task_id`). */
export function expectStringField(body: JsonRecord, field: string, endpoint: Endpoint): string {
  const value = body[field];
  if (typeof value !== 'string') throw invalid(endpoint, `“${field}” should be a string but is ${describeJsonType(value)}`);
  return value;
}

/** Absent, null and empty all mean "last page"; anything else but a string is an error. */
export function nextTokenOf(body: JsonRecord, endpoint: Endpoint): string | null {
  const token = body.next_token;
  if (token === undefined || token === null || token === '') return null;
  if (typeof token !== 'string') throw invalid(endpoint, `“next_token” should be a string but is ${describeJsonType(token)}`);
  return token;
}

/** Reads a paginated envelope `{ [field]: T[], next_token? }`. */
export function pageOf<T>(body: unknown, field: string, endpoint: Endpoint): Page<T> & { readonly body: JsonRecord } {
  const record = expectObject(body, endpoint);
  return { items: expectObjectArray<T>(record, field, endpoint), nextToken: nextTokenOf(record, endpoint), body: record };
}

/** Parses the schema's `json` string, the second JSON layer of `/v2/schema`. */
export function parseEmbeddedJson(text: string, endpoint: Endpoint, field: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw invalid(endpoint, `“${field}” should hold a JSON document but does not parse`);
  }
}

export function invalidResponse(endpoint: Endpoint, problem: string): InvalidResponseError {
  return invalid(endpoint, problem);
}
