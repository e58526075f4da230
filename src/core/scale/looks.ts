/** How Scale statuses look in the tree: a codicon and a tone (colour). Unknown values stay visible. */
import * as l10n from '@vscode/l10n';
import { SCALE_BATCH_STATUS, SCALE_TASK_STATUS, statusLookIn, type StatusLook } from '../../shared/statusLooks';

export function taskStatusLook(status: unknown): StatusLook {
  return statusLookIn(SCALE_TASK_STATUS, status);
}

export function batchStatusLook(status: unknown): StatusLook {
  return statusLookIn(SCALE_BATCH_STATUS, status);
}

/** `in_progress` → `in progress`; anything that is not a string is shown as `unknown`. */
export function statusLabel(status: unknown): string {
  return typeof status === 'string' && status ? status.replace(/_/g, ' ') : l10n.t('unknown');
}

/**
 * The text of a task's first user message, when the task carries its threads (a completed task
 * does, in lists too); undefined otherwise. Tolerant of any shape: the list is hostile data.
 */
export function firstUserText(task: { threads?: unknown }): string | undefined {
  const threads = Array.isArray(task.threads) ? (task.threads as unknown[]) : [];
  for (const thread of threads) {
    const turns = isRecord(thread) && Array.isArray(thread.turns) ? (thread.turns as unknown[]) : [];
    for (const turn of turns) {
      const messages = isRecord(turn) && Array.isArray(turn.messages) ? (turn.messages as unknown[]) : [];
      for (const message of messages) {
        if (!isRecord(message) || message.role !== 'user' || !isRecord(message.content)) continue;
        const text = message.content.text;
        if (typeof text === 'string' && text.trim() !== '') return text;
      }
    }
  }
  return undefined;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
