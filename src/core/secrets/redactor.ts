/**
 * `workspace_token` values never leave Task Lens: every value an export writes goes through the
 * task's Redactor, which replaces the field wherever it sits and scrubs the token's text from any
 * other string it was pasted into (a message, a justification).
 */

import { REDACTED_MARKER, SECRET_FIELDS } from './taskSecrets';

/** The same marker as everywhere else a secret is redacted. */
export const REDACTED = REDACTED_MARKER;

export class Redactor {
  private constructor(private readonly secrets: readonly string[]) {}

  /** Collects the task's tokens once, so each string written costs one scan per token. */
  static forTask(task: unknown): Redactor {
    const found = new Set<string>();
    collect(task, found, 0);
    return new Redactor([...found].filter((s) => s.length > 0));
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

  /** JSON text of the redacted value; null for a missing value. */
  json(value: unknown): string | null {
    if (value === undefined || value === null) return null;
    return JSON.stringify(this.value(value));
  }
}

function collect(value: unknown, into: Set<string>, depth: number): void {
  if (depth > 200 || typeof value !== 'object' || value === null) return;
  if (Array.isArray(value)) {
    for (const item of value) collect(item, into, depth + 1);
    return;
  }
  for (const [key, item] of Object.entries(value)) {
    if (SECRET_FIELDS.has(key) && typeof item === 'string') into.add(item);
    else collect(item, into, depth + 1);
  }
}
