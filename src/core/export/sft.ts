/**
 * `sft` records (exports.md): one per thread with an assistant message, the preferred candidate
 * kept where a turn has several, roles other than system/user/assistant dropped and counted.
 */
import type { Task } from '../scale/types';
import { DroppedRoles, hasAssistant, historyOf, threadsOf, type ChatMessage } from './chat';
import { planThread, type RankingOptions } from './preferred';
import { Redactor } from '../secrets/redactor';
import type { SkipCounts } from './summary';

export interface SftRecord {
  readonly messages: ChatMessage[];
  readonly metadata: { readonly task_id: string; readonly thread_id: string };
}

/** The task's records; skipped threads (and a task not completed) are counted into `skipped`. */
export function sftRecords(task: Task, skipped: SkipCounts, options: RankingOptions = {}): SftRecord[] {
  if (task.status !== 'completed') {
    skipped.not_completed++;
    return [];
  }
  const redactor = Redactor.forTask(task);
  const records: SftRecord[] = [];
  const threads = threadsOf(task);
  if (threads.length === 0) skipped.no_assistant_message++;
  for (const thread of threads) {
    const plans = planThread(thread, options);
    if (!hasAssistant(plans)) {
      skipped.no_assistant_message++;
      continue;
    }
    if (plans.some((p) => p.candidates.length > 0 && !p.preferred)) {
      skipped.no_preferred_candidate++;
      continue;
    }
    const dropped = new DroppedRoles();
    const messages = plans.flatMap((plan) => historyOf(plan, redactor, dropped));
    skipped.dropped_roles += dropped.count;
    records.push({ messages, metadata: { task_id: redactor.text(task.task_id), thread_id: redactor.text(String(thread.id ?? '')) } });
  }
  return records;
}
