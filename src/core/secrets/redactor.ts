/**
 * `workspace_token` values never leave Task Lens: every value an export writes goes through the
 * task's Redactor, which replaces the field wherever it sits and scrubs the token's text from any
 * other string it was pasted into (a message, a justification).
 *
 * Most tasks carry no token at all. The Redactor learns that once, when it walks the task, and then
 * writes that task's JSON as it is; a task with a token is written through a replacer. Neither
 * copies the value first: a Parquet export writes every task's threads as JSON, and a redacted
 * copy of each was most of its garbage.
 */

import { REDACTED_MARKER, SECRET_FIELDS } from './taskSecrets';

/** The same marker as everywhere else a secret is redacted. */
export const REDACTED = REDACTED_MARKER;

/** Deeper than this, the walk stops looking (and the task is not taken as clean). */
const MAX_DEPTH = 200;

interface Findings {
  readonly tokens: Set<string>;
  /** A secret field with a value was seen, or the walk stopped at MAX_DEPTH. */
  unsure: boolean;
}

export class Redactor {
  private constructor(
    private readonly secrets: readonly string[],
    /** The task has no secret field at any depth: its values need nothing replaced. */
    private readonly clean: boolean,
  ) {}

  /** Collects the task's tokens once, so each string written costs one scan per token. */
  static forTask(task: unknown): Redactor {
    const findings: Findings = { tokens: new Set<string>(), unsure: false };
    collect(task, findings, 0);
    const secrets = [...findings.tokens].filter((s) => s.length > 0);
    return new Redactor(secrets, !findings.unsure && secrets.length === 0);
  }

  text(value: string): string;
  text(value: string | null | undefined): string | null | undefined;
  text(value: string | null | undefined): string | null | undefined {
    if (typeof value !== 'string' || this.secrets.length === 0) return value;
    let out = value;
    for (const secret of this.secrets) if (out.includes(secret)) out = out.split(secret).join(REDACTED);
    return out;
  }

  /** A redacted copy (the input is never changed): token fields replaced, token text scrubbed. */
  value(value: unknown): unknown {
    if (typeof value === 'string') return this.text(value);
    if (Array.isArray(value)) return value.map((item) => this.value(item));
    if (typeof value === 'object' && value !== null) {
      const out: Record<string, unknown> = {};
      for (const [key, item] of Object.entries(value)) out[key] = SECRET_FIELDS.has(key) && item != null ? REDACTED : this.value(item);
      return out;
    }
    return value;
  }

  /**
   * JSON text of the redacted value — the same text as `JSON.stringify(this.value(value))` — or
   * null for a missing value. `value` must be part of the task this Redactor was made for: a clean
   * task's values are written as they are.
   */
  json(value: unknown): string | null {
    if (value === undefined || value === null) return null;
    return this.clean ? JSON.stringify(value) : JSON.stringify(value, this.replacer);
  }

  private readonly replacer = (key: string, item: unknown): unknown =>
    SECRET_FIELDS.has(key) && item != null ? REDACTED : typeof item === 'string' ? this.text(item) : item;
}

function collect(value: unknown, findings: Findings, depth: number): void {
  if (typeof value !== 'object' || value === null) return;
  if (depth > MAX_DEPTH) {
    findings.unsure = true;
    return;
  }
  if (Array.isArray(value)) {
    for (const item of value) collect(item, findings, depth + 1);
    return;
  }
  const record = value as Record<string, unknown>;
  for (const key in record) {
    if (!Object.hasOwn(record, key)) continue;
    const item = record[key];
    if (SECRET_FIELDS.has(key) && item != null) {
      findings.unsure = true;
      if (typeof item === 'string') findings.tokens.add(item);
      else collect(item, findings, depth + 1);
    } else collect(item, findings, depth + 1);
  }
}
