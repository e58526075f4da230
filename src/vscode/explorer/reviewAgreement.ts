import { agreementOf, type Agreement } from '../../core/scale/agreement';
import { readTaskAt } from '../../core/taskfile/indexFile';
import type { ReviewStore } from '../panel/reviewStore';
import type { ExplorerModel } from './explorerModel';
import { targetAt } from './fileTasks';

export interface SetAgreement extends Agreement {
  /** Tasks of the set the reviewer made a choice in (read back from the file). */
  readonly reviewedTasks: number;
  /** Tasks in the explorer's current set. */
  readonly setSize: number;
}

/**
 * The reviewer's blind choices against the annotators over the explorer's filtered set. Only the
 * tasks with a stored choice are read back from the file (at their offsets), so a set of 100,000
 * tasks with a dozen reviewed costs a dozen reads.
 */
export async function agreementOverSet(model: ExplorerModel, reviews: ReviewStore, signal?: AbortSignal): Promise<SetAgreement> {
  const index = model.index;
  if (!index) return { compared: 0, agreed: 0, rate: null, unranked: 0, turns: [], reviewedTasks: 0, setSize: 0 };
  const choices = new Map<string, Record<string, string>>();
  const tasks: unknown[] = [];
  const first = targetAt(model, 0, 'scale');
  const reviewed = first ? reviews.taskIdsWithChoices(first.connection) : new Set<string>();
  for (let position = 0; position < model.rows.length && reviewed.size > 0; position++) {
    if (signal?.aborted) break;
    if (!reviewed.has(index.taskId(model.rows[position] as number))) continue;
    const target = targetAt(model, position, 'scale');
    if (!target?.file) continue;
    const chosen = reviews.choices(target);
    if (Object.keys(chosen).length === 0) continue;
    choices.set(target.taskId, chosen);
    tasks.push(await readTaskAt(model.uri.fsPath, target.file.entry));
  }
  const agreement = agreementOf(tasks, (taskId) => choices.get(taskId));
  return { ...agreement, reviewedTasks: tasks.length, setSize: model.rows.length };
}
