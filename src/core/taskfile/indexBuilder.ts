/**
 * Adds one parsed task to a TaskIndex: the row's derived columns and one compact record per
 * annotation (any level), plus rubric scores and submissions. The same code indexes a whole file
 * (indexFile.ts) and the single task the CLI is looking at, so a condition has one meaning.
 */
import { CANNOT_ASSESS, emptyFacts, factsOf, HAS_VALUE, LIST, NOT_APPLICABLE, typeOf } from './annotationFacts';
import { TASK_HAS_ERRORS, TASK_HAS_SENSITIVE, type TaskEntry, type TaskIndex } from './taskIndex';
import { isRecord, walkTask, type AnnotationLevel, type JsonRecord } from './taskWalk';

export const LEVELS: readonly AnnotationLevel[] = ['thread', 'turn', 'message', 'chunk', 'criterion', 'evaluation', 'criterion_evaluation'];
const LEVEL_NUMBER = new Map(LEVELS.map((level, i) => [level, i]));
const RANKING_TYPES = new Set(['ranked_choices', 'ranked_groups']);

const scratch = emptyFacts();

/** Appends the task as the index's next row; returns the row number. */
export function addTask(index: TaskIndex, task: JsonRecord, entry: TaskEntry): number {
  const { tasks, annotations: a, lists, rubrics, submissions, strings } = index;
  const row = tasks.offset.push(entry.offset);
  tasks.length.push(entry.length);
  tasks.line.push(entry.lineNumber);
  tasks.id.push(internString(index, task.task_id ?? task.id));
  tasks.status.push(internString(index, statusOf(task.status)));
  tasks.batch.push(internString(index, refOf(task.batch)));
  tasks.completedAt.push(internString(index, task.completed_at));
  tasks.annotationStart.push(a.task.length);
  let flags = 0;
  if (Array.isArray(task.errors) && task.errors.length > 0) flags |= TASK_HAS_ERRORS;
  if (Array.isArray(task.sensitive_content_reports) && task.sensitive_content_reports.length > 0) flags |= TASK_HAS_SENSITIVE;
  tasks.flags.push(flags);

  let turns = 0;
  let messages = 0;
  let preferred = 0;
  const candidates: string[] = [];
  walkTask(task, {
    turn: () => void turns++,
    message(message) {
      messages++;
      const source = message.source_id;
      if (message.role === 'assistant' && typeof source === 'string' && !candidates.includes(source)) candidates.push(source);
    },
    annotation(annotation, level, thread, sourceId) {
      const type = typeOf(annotation);
      const facts = factsOf(annotation, type, scratch);
      const keyId = strings.intern(annotation.key as string);
      const typeId = strings.intern(type);
      countKeyType(index, keyId, typeId);
      a.task.push(row);
      a.key.push(keyId);
      a.type.push(typeId);
      a.flags.push(facts.flags);
      a.num.push(facts.num);
      a.str.push(facts.str === undefined ? 0 : strings.intern(facts.str));
      a.listStart.push(lists.item.length);
      a.listCount.push(facts.items.length);
      for (let i = 0; i < facts.items.length; i++) {
        lists.item.push(strings.intern(facts.items[i] as string));
        lists.group.push(facts.groups[i] as number);
      }
      a.level.push(LEVEL_NUMBER.get(level) ?? 0);
      a.thread.push(Math.min(thread, 0xffff));
      a.source.push(sourceId === undefined ? 0 : strings.intern(sourceId));
      const usable = (facts.flags & (HAS_VALUE | LIST | NOT_APPLICABLE | CANNOT_ASSESS)) === (HAS_VALUE | LIST);
      if (preferred === 0 && RANKING_TYPES.has(type) && usable) preferred = preferredOf(index, facts.items, facts.groups);
    },
    submission(contributorId, thread) {
      submissions.task.push(row);
      submissions.thread.push(Math.min(thread, 0xffff));
      submissions.contributor.push(strings.intern(contributorId));
    },
    criterionDefinition(id, criterion) {
      if (criterion !== undefined && !index.criterionNames.has(id)) index.criterionNames.set(id, criterion);
    },
    criterionEvaluation(criterionId, score) {
      rubrics.criterionTask.push(row);
      rubrics.criterionId.push(criterionId === undefined ? 0 : strings.intern(criterionId));
      rubrics.criterionScore.push(score ?? NaN);
    },
    rubricEvaluation(totalScore, percentage) {
      rubrics.evaluationTask.push(row);
      rubrics.evaluationTotal.push(totalScore ?? NaN);
      rubrics.evaluationPercentage.push(percentage ?? NaN);
    },
  });
  tasks.turns.push(turns);
  tasks.messages.push(messages);
  tasks.preferred.push(preferred);
  tasks.candidateStart.push(lists.item.length);
  tasks.candidateCount.push(candidates.length);
  for (const candidate of candidates) {
    lists.item.push(strings.intern(candidate));
    lists.group.push(0);
  }
  return row;
}

function preferredOf(index: TaskIndex, items: readonly string[], groups: readonly number[]): number {
  // Only `value[0]` is first: a ranking whose first entry is malformed prefers nobody.
  const members = items.filter((_, i) => groups[i] === 0);
  return members.length === 0 ? 0 : index.strings.intern(members.join(' = '));
}

function countKeyType(index: TaskIndex, keyId: number, typeId: number): void {
  let types = index.keyTypes.get(keyId);
  if (!types) index.keyTypes.set(keyId, (types = new Map()));
  types.set(typeId, (types.get(typeId) ?? 0) + 1);
}

function internString(index: TaskIndex, value: unknown): number {
  if (typeof value === 'string') return index.strings.intern(value);
  if (typeof value === 'number' && Number.isFinite(value)) return index.strings.intern(String(value));
  return 0;
}

/** Scale's status is a string; a Livepeer task's is an object with a `phase`. */
function statusOf(status: unknown): unknown {
  return isRecord(status) ? status.phase : status;
}

/** An expandable reference: the id string, or the expanded object's id. */
function refOf(value: unknown): unknown {
  return isRecord(value) ? value.id : value;
}
