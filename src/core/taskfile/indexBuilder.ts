/**
 * Adds one parsed task to a TaskIndex: the row's derived columns and one compact record per
 * annotation (any level), plus rubric scores and submissions. The same code indexes a whole file
 * (indexFile.ts) and the single task the CLI is looking at, so a condition has one meaning.
 */
import { CANNOT_ASSESS, emptyFacts, factsOf, HAS_VALUE, LIST, NOT_APPLICABLE, typeOf } from './annotationFacts';
import { TASK_HAS_ERRORS, TASK_HAS_SENSITIVE, type TaskEntry, type TaskIndex } from './taskIndex';
import { isRecord, walkTask, type AnnotationLevel, type JsonRecord, type TaskVisitor } from './taskWalk';

export const LEVELS: readonly AnnotationLevel[] = ['thread', 'turn', 'message', 'chunk', 'criterion', 'evaluation', 'criterion_evaluation'];
const LEVEL_NUMBER = Object.fromEntries(LEVELS.map((level, i) => [level, i])) as Record<AnnotationLevel, number>;
const RANKING_TYPES = new Set(['ranked_choices', 'ranked_groups']);

interface KeyMemo {
  readonly id: number;
  /** The key's entry in `TaskIndex.keyTypes`: type id → annotations. */
  readonly types: Map<number, number>;
  lastType: string | undefined;
  lastTypeId: number;
}

/**
 * The walk's visitor for one row. One instance per index, reset for each task: a file calls this
 * for every annotation of every task (a million calls for a delivery), so the visitor is one
 * monomorphic object with its state in fields rather than a fresh set of closures per task.
 */
class RowVisitor implements TaskVisitor {
  row = 0;
  turns = 0;
  messages = 0;
  preferred = 0;
  readonly candidates: string[] = [];
  private readonly facts = emptyFacts();
  /** Per annotation key: its id, its type counts and the last type seen with it (usually the only one). */
  private readonly keys = new Map<string, KeyMemo>();
  /** The owning message's source id repeats for each of its annotations. */
  private lastSource: string | undefined;
  private lastSourceId = 0;

  constructor(private readonly index: TaskIndex) {}

  reset(row: number): void {
    this.row = row;
    this.turns = 0;
    this.messages = 0;
    this.preferred = 0;
    this.candidates.length = 0;
  }

  turn(): void {
    this.turns++;
  }

  message(message: JsonRecord): void {
    this.messages++;
    const source = message.source_id;
    if (message.role === 'assistant' && typeof source === 'string' && !this.candidates.includes(source)) this.candidates.push(source);
  }

  annotation(annotation: JsonRecord, level: AnnotationLevel, thread: number, sourceId: string | undefined): void {
    const index = this.index;
    const { annotations: a, lists, strings } = index;
    const type = typeOf(annotation);
    const facts = factsOf(annotation, type, this.facts);
    const key = this.keyMemo(annotation.key as string);
    const keyId = key.id;
    if (type !== key.lastType) {
      key.lastType = type;
      key.lastTypeId = strings.intern(type);
    }
    const typeId = key.lastTypeId;
    key.types.set(typeId, (key.types.get(typeId) ?? 0) + 1);
    a.task.push(this.row);
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
    a.level.push(LEVEL_NUMBER[level]);
    a.thread.push(Math.min(thread, 0xffff));
    if (sourceId !== this.lastSource) {
      this.lastSource = sourceId;
      this.lastSourceId = sourceId === undefined ? 0 : strings.intern(sourceId);
    }
    a.source.push(this.lastSourceId);
    const usable = (facts.flags & (HAS_VALUE | LIST | NOT_APPLICABLE | CANNOT_ASSESS)) === (HAS_VALUE | LIST);
    if (this.preferred === 0 && usable && RANKING_TYPES.has(type)) this.preferred = preferredOf(index, facts.items, facts.groups);
  }

  /**
   * Interning is a string hash per call, and these strings come fresh from JSON.parse: one lookup
   * per annotation for the key, and none for a type or source equal to the last one, instead of
   * three (ids are handed out in the same order as interning each string would).
   */
  private keyMemo(key: string): KeyMemo {
    let memo = this.keys.get(key);
    if (memo === undefined) {
      const id = this.index.strings.intern(key);
      let types = this.index.keyTypes.get(id);
      if (!types) this.index.keyTypes.set(id, (types = new Map()));
      memo = { id, types, lastType: undefined, lastTypeId: 0 };
      this.keys.set(key, memo);
    }
    return memo;
  }

  submission(contributorId: string, thread: number): void {
    const { submissions, strings } = this.index;
    submissions.task.push(this.row);
    submissions.thread.push(Math.min(thread, 0xffff));
    submissions.contributor.push(strings.intern(contributorId));
  }

  criterionDefinition(id: string, criterion: string | undefined): void {
    const names = this.index.criterionNames;
    if (criterion !== undefined && !names.has(id)) names.set(id, criterion);
  }

  criterionEvaluation(criterionId: string | undefined, score: number | undefined): void {
    const { rubrics, strings } = this.index;
    rubrics.criterionTask.push(this.row);
    rubrics.criterionId.push(criterionId === undefined ? 0 : strings.intern(criterionId));
    rubrics.criterionScore.push(score ?? NaN);
  }

  rubricEvaluation(totalScore: number | undefined, percentage: number | undefined): void {
    const rubrics = this.index.rubrics;
    rubrics.evaluationTask.push(this.row);
    rubrics.evaluationTotal.push(totalScore ?? NaN);
    rubrics.evaluationPercentage.push(percentage ?? NaN);
  }
}

const visitors = new WeakMap<TaskIndex, RowVisitor>();

/** Appends the task as the index's next row; returns the row number. */
export function addTask(index: TaskIndex, task: JsonRecord, entry: TaskEntry): number {
  const { tasks, annotations: a, lists, strings } = index;
  const row = tasks.offset.push(entry.offset);
  tasks.length.push(entry.length);
  tasks.line.push(entry.lineNumber);
  tasks.id.push(internString(index, idField(task)));
  tasks.status.push(internString(index, statusOf(task.status)));
  tasks.batch.push(internString(index, refOf(task.batch)));
  tasks.completedAt.push(internString(index, task.completed_at));
  tasks.annotationStart.push(a.task.length);
  let flags = 0;
  if (Array.isArray(task.errors) && task.errors.length > 0) flags |= TASK_HAS_ERRORS;
  if (Array.isArray(task.sensitive_content_reports) && task.sensitive_content_reports.length > 0) flags |= TASK_HAS_SENSITIVE;
  tasks.flags.push(flags);

  let visitor = visitors.get(index);
  if (!visitor) visitors.set(index, (visitor = new RowVisitor(index)));
  visitor.reset(row);
  walkTask(task, visitor);
  tasks.turns.push(visitor.turns);
  tasks.messages.push(visitor.messages);
  tasks.preferred.push(visitor.preferred);
  tasks.candidateStart.push(lists.item.length);
  tasks.candidateCount.push(visitor.candidates.length);
  for (const candidate of visitor.candidates) {
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

function internString(index: TaskIndex, value: unknown): number {
  const text = fieldText(value);
  return text === undefined ? 0 : index.strings.intern(text);
}

/** What the index keeps of a field: a string, or a finite number as its text. */
function fieldText(value: unknown): string | undefined {
  if (typeof value === 'string') return value;
  if (typeof value === 'number' && Number.isFinite(value)) return String(value);
  return undefined;
}

const idField = (task: JsonRecord): unknown => task.task_id ?? task.id;

/** A task's id as the index keeps it (the Task ID column): Scale's `task_id`, else Livepeer's `id`; '' for neither. */
export function taskIdOf(task: JsonRecord): string {
  return fieldText(idField(task)) ?? '';
}

/** Scale's status is a string; a Livepeer task's is an object with a `phase`. */
function statusOf(status: unknown): unknown {
  return isRecord(status) ? status.phase : status;
}

/** An expandable reference: the id string, or the expanded object's id. */
function refOf(value: unknown): unknown {
  return isRecord(value) ? value.id : value;
}
