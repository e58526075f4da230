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

function finite(value: unknown): number | undefined {
  return typeof value === 'number' && Number.isFinite(value) ? value : undefined;
}

// The walk runs once per annotation-bearing object of every task of a file (millions of calls for
// a delivery): plain index loops, no filtered copies of the arrays, keep it cheap.

export function walkTask(task: JsonRecord, visitor: TaskVisitor): void {
  const threads = task.threads;
  if (!Array.isArray(threads)) return;
  for (let t = 0; t < threads.length; t++) {
    const thread: unknown = threads[t];
    if (!isRecord(thread)) continue;
    visitAnnotations(thread.annotations, 'thread', t, undefined, visitor);
    const submissions = thread.submissions;
    if (visitor.submission && Array.isArray(submissions)) {
      for (const submission of submissions as unknown[]) {
        if (isRecord(submission) && typeof submission.contributor_id === 'string') visitor.submission(submission.contributor_id, t);
      }
    }
    const turns = thread.turns;
    if (Array.isArray(turns)) for (const turn of turns as unknown[]) if (isRecord(turn)) walkTurn(turn, t, visitor);
  }
}

function walkTurn(turn: JsonRecord, thread: number, visitor: TaskVisitor): void {
  visitor.turn?.(thread);
  visitAnnotations(turn.annotations, 'turn', thread, undefined, visitor);
  const rubrics = turn.rubrics;
  if (Array.isArray(rubrics)) {
    for (const rubric of rubrics as unknown[]) {
      if (!isRecord(rubric) || !Array.isArray(rubric.criteria_definitions)) continue;
      for (const definition of rubric.criteria_definitions as unknown[]) {
        if (!isRecord(definition)) continue;
        if (typeof definition.id === 'string')
          visitor.criterionDefinition?.(definition.id, typeof definition.criterion === 'string' ? definition.criterion : undefined);
        visitAnnotations(definition.annotations, 'criterion', thread, undefined, visitor);
      }
    }
  }
  const messages = turn.messages;
  if (Array.isArray(messages)) for (const message of messages as unknown[]) if (isRecord(message)) walkMessage(message, thread, visitor);
}

function walkMessage(message: JsonRecord, thread: number, visitor: TaskVisitor): void {
  visitor.message?.(message, thread);
  const sourceId = typeof message.source_id === 'string' ? message.source_id : undefined;
  visitAnnotations(message.annotations, 'message', thread, sourceId, visitor);
  const content = message.content;
  if (isRecord(content) && Array.isArray(content.chunks)) {
    for (const chunk of content.chunks as unknown[])
      if (isRecord(chunk)) visitAnnotations(chunk.annotations, 'chunk', thread, sourceId, visitor);
  }
  const evaluations = message.rubric_evaluations;
  if (!Array.isArray(evaluations)) return;
  for (const evaluation of evaluations as unknown[]) {
    if (!isRecord(evaluation)) continue;
    visitor.rubricEvaluation?.(finite(evaluation.total_score), finite(evaluation.percentage), thread, sourceId);
    visitAnnotations(evaluation.annotations, 'evaluation', thread, sourceId, visitor);
    if (!Array.isArray(evaluation.criteria_evaluations)) continue;
    for (const criterion of evaluation.criteria_evaluations as unknown[]) {
      if (!isRecord(criterion)) continue;
      const id = typeof criterion.criterion_definition_id === 'string' ? criterion.criterion_definition_id : undefined;
      visitor.criterionEvaluation?.(id, finite(criterion.score), thread, sourceId);
      visitAnnotations(criterion.annotations, 'criterion_evaluation', thread, sourceId, visitor);
    }
  }
}

function visitAnnotations(list: unknown, level: AnnotationLevel, thread: number, sourceId: string | undefined, visitor: TaskVisitor): void {
  if (!visitor.annotation || !Array.isArray(list)) return;
  for (const annotation of list as unknown[]) {
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
