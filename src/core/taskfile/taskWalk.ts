/**
 * One tolerant walk over a parsed task, shared by the index, `--search` and the tests' sense of
 * "every level": thread, turn, message, chunk, rubric criterion, rubric evaluation and criterion
 * evaluation annotations. Lines come from strangers, so every field is checked before use and a
 * malformed part is skipped, never fatal.
 */

export type JsonRecord = Record<string, unknown>;

export type AnnotationLevel = 'thread' | 'turn' | 'message' | 'chunk' | 'criterion' | 'evaluation' | 'criterion_evaluation';

export interface TaskVisitor {
  /** `sourceId` is the owning message's `source_id` for message-level and deeper annotations. */
  annotation?(annotation: JsonRecord, level: AnnotationLevel, thread: number, sourceId: string | undefined): void;
  message?(message: JsonRecord, thread: number): void;
  turn?(thread: number): void;
  submission?(contributorId: string, thread: number): void;
  criterionDefinition?(id: string, criterion: string | undefined): void;
  criterionEvaluation?(criterionId: string | undefined, score: number | undefined, thread: number, sourceId: string | undefined): void;
  rubricEvaluation?(totalScore: number | undefined, percentage: number | undefined, thread: number, sourceId: string | undefined): void;
}

export function isRecord(value: unknown): value is JsonRecord {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function records(value: unknown): JsonRecord[] {
  return Array.isArray(value) ? value.filter(isRecord) : [];
}

function finite(value: unknown): number | undefined {
  return typeof value === 'number' && Number.isFinite(value) ? value : undefined;
}

export function walkTask(task: JsonRecord, visitor: TaskVisitor): void {
  const threads = Array.isArray(task.threads) ? task.threads : [];
  for (let t = 0; t < threads.length; t++) {
    const thread: unknown = threads[t];
    if (!isRecord(thread)) continue;
    visitAnnotations(thread.annotations, 'thread', t, undefined, visitor);
    for (const submission of records(thread.submissions)) {
      if (typeof submission.contributor_id === 'string') visitor.submission?.(submission.contributor_id, t);
    }
    for (const turn of records(thread.turns)) walkTurn(turn, t, visitor);
  }
}

function walkTurn(turn: JsonRecord, thread: number, visitor: TaskVisitor): void {
  visitor.turn?.(thread);
  visitAnnotations(turn.annotations, 'turn', thread, undefined, visitor);
  for (const rubric of records(turn.rubrics)) {
    for (const definition of records(rubric.criteria_definitions)) {
      if (typeof definition.id === 'string')
        visitor.criterionDefinition?.(definition.id, typeof definition.criterion === 'string' ? definition.criterion : undefined);
      visitAnnotations(definition.annotations, 'criterion', thread, undefined, visitor);
    }
  }
  for (const message of records(turn.messages)) walkMessage(message, thread, visitor);
}

function walkMessage(message: JsonRecord, thread: number, visitor: TaskVisitor): void {
  visitor.message?.(message, thread);
  const sourceId = typeof message.source_id === 'string' ? message.source_id : undefined;
  visitAnnotations(message.annotations, 'message', thread, sourceId, visitor);
  if (isRecord(message.content)) {
    for (const chunk of records(message.content.chunks)) visitAnnotations(chunk.annotations, 'chunk', thread, sourceId, visitor);
  }
  for (const evaluation of records(message.rubric_evaluations)) {
    visitor.rubricEvaluation?.(finite(evaluation.total_score), finite(evaluation.percentage), thread, sourceId);
    visitAnnotations(evaluation.annotations, 'evaluation', thread, sourceId, visitor);
    for (const criterion of records(evaluation.criteria_evaluations)) {
      const id = typeof criterion.criterion_definition_id === 'string' ? criterion.criterion_definition_id : undefined;
      visitor.criterionEvaluation?.(id, finite(criterion.score), thread, sourceId);
      visitAnnotations(criterion.annotations, 'criterion_evaluation', thread, sourceId, visitor);
    }
  }
}

function visitAnnotations(list: unknown, level: AnnotationLevel, thread: number, sourceId: string | undefined, visitor: TaskVisitor): void {
  if (!visitor.annotation || !Array.isArray(list)) return;
  for (const annotation of list) {
    // An annotation without a string key cannot be named by a condition or a report row.
    if (isRecord(annotation) && typeof annotation.key === 'string') visitor.annotation(annotation, level, thread, sourceId);
  }
}

/** `--search`: a case-insensitive substring of any message's `content.text` (nothing else). */
export function taskMentions(task: JsonRecord, needleLowerCase: string): boolean {
  let found = false;
  walkTask(task, {
    message(message) {
      if (found || !isRecord(message.content)) return;
      const text = message.content.text;
      if (typeof text === 'string' && text.toLowerCase().includes(needleLowerCase)) found = true;
    },
  });
  return found;
}
