/**
 * A Scale v2 task read into small, well-typed view structures (see api/scale-genai-v2.md §6).
 * Tolerant: any field may be missing, null or of the wrong type; unknown annotation types,
 * roles and statuses pass through as strings; the raw objects stay reachable for generic views.
 */
import { aget, arr, bget, isRec, nget, own, rec, sget, str, strs } from '../shell/model';

import type { Ref, AnnotationV, FileV, RubricEvalV, RubricV, MessageV, TurnV, ThreadV, NoteV, TaskV } from './viewTypes';

export type {
  Ref,
  AnnotationV,
  FileV,
  ReferenceTextV,
  ChunkV,
  CriterionEvalV,
  RubricEvalV,
  CriterionDefV,
  RubricV,
  MessageV,
  TurnV,
  SubmissionV,
  ThreadV,
  NoteV,
  TaskV,
} from './viewTypes';

function ref(v: unknown): Ref {
  if (isRec(v)) return { id: sget(v, 'id'), name: sget(v, 'name') };
  return { id: str(v) };
}

export function readAnnotation(v: unknown): AnnotationV {
  const a = rec(v);
  const md = own(a, 'metadata');
  const criteria = own(md, 'criteria');
  const pv = own(a, 'possible_values');
  return {
    id: sget(a, 'id'),
    key: sget(a, 'key'),
    type: sget(a, 'type'),
    title: sget(a, 'title'),
    description: sget(a, 'description'),
    labels: strs(own(a, 'labels')),
    notApplicable: bget(a, 'not_applicable') === true,
    cannotAssess: bget(a, 'cannot_assess') === true,
    justification: sget(a, 'justification'),
    criteria: str(criteria) ?? (isRec(criteria) ? (sget(criteria, 'title') ?? sget(criteria, 'key') ?? sget(criteria, 'id')) : undefined),
    hasValue: Object.prototype.hasOwnProperty.call(a, 'value') && a.value !== null && a.value !== undefined,
    value: own(a, 'value'),
    possibleValues: Array.isArray(pv) ? pv : undefined,
    raw: a,
  };
}

export function readAnnotations(v: unknown): AnnotationV[] {
  return arr(v)
    .filter((x) => isRec(x))
    .map(readAnnotation);
}

export function readFile(v: unknown): FileV {
  const f = rec(v);
  const mimeType = sget(f, 'mime_type');
  const audio =
    ['duration', 'transcript', 'transcript_url', 'transcript_start', 'transcript_end'].some((k) => own(f, k) != null) ||
    /^audio\//i.test(mimeType ?? '');
  const image = !audio && (own(f, 'file_size_in_bytes') != null || /^image\//i.test(mimeType ?? ''));
  return {
    name: sget(f, 'name') ?? sget(f, 'file_name'),
    mimeType,
    size: nget(f, 'file_size_in_bytes'),
    url: sget(f, 'url'),
    scaleUrl: sget(f, 'scale_url'),
    content: sget(f, 'content'),
    duration: nget(f, 'duration'),
    transcript: sget(f, 'transcript'),
    kind: audio ? 'audio' : image ? 'image' : 'file',
  };
}

function readRubricEval(v: unknown): RubricEvalV {
  return {
    criteria: aget(v, 'criteria_evaluations').map((c) => ({
      definitionId: sget(c, 'criterion_definition_id'),
      score: nget(c, 'score'),
      annotations: readAnnotations(own(c, 'annotations')),
    })),
    annotations: readAnnotations(own(v, 'annotations')),
    totalScore: nget(v, 'total_score'),
    percentage: nget(v, 'percentage'),
  };
}

function readRubric(v: unknown): RubricV {
  return {
    maxTotalScore: nget(v, 'max_total_score'),
    criteria: aget(v, 'criteria_definitions').map((c) => ({
      id: sget(c, 'id'),
      criterion: sget(c, 'criterion'),
      weight: nget(c, 'weight'),
      annotations: readAnnotations(own(c, 'annotations')),
    })),
  };
}

export function readMessage(v: unknown): MessageV {
  const m = rec(v);
  const rawContent = own(m, 'content');
  // Tolerate `content` given as a bare string.
  const c = typeof rawContent === 'string' ? { text: rawContent } : rec(rawContent);
  const mp = own(m, 'model_parameters');
  return {
    role: sget(m, 'role'),
    sourceId: sget(m, 'source_id'),
    text: sget(c, 'text'),
    referenceTexts: aget(c, 'reference_texts').map((r) => ({
      content: sget(r, 'content'),
      category: sget(r, 'category'),
      url: sget(r, 'url'),
    })),
    attachments: aget(c, 'attachments').filter(isRec).map(readFile),
    chunks: aget(c, 'chunks').map((k) => ({
      type: sget(k, 'type'),
      text: sget(k, 'text'),
      annotations: readAnnotations(own(k, 'annotations')),
    })),
    reasoning: aget(c, 'reasoning')
      .map((r) => (typeof r === 'string' ? r : sget(r, 'content')))
      .filter((s): s is string => s !== undefined),
    modelParameters: isRec(mp) && Object.keys(mp).length > 0 ? mp : undefined,
    annotations: readAnnotations(own(m, 'annotations')),
    rubricEvaluations: aget(m, 'rubric_evaluations').filter(isRec).map(readRubricEval),
  };
}

export function readTurn(v: unknown): TurnV {
  return {
    id: sget(v, 'id'),
    messages: aget(v, 'messages').filter(isRec).map(readMessage),
    annotations: readAnnotations(own(v, 'annotations')),
    rubrics: aget(v, 'rubrics').filter(isRec).map(readRubric),
  };
}

export function readThread(v: unknown): ThreadV {
  const rawTurns = aget(v, 'turns').filter(isRec);
  const read: Array<TurnV | undefined> = [];
  const turnAt = (j: number): TurnV => (read[j] ??= readTurn(rawTurns[j]));
  let all: TurnV[] | undefined;
  return {
    id: sget(v, 'id'),
    get turns() {
      return (all ??= rawTurns.map((_, j) => turnAt(j)));
    },
    turnCount: rawTurns.length,
    turnAt,
    rawTurns,
    annotations: readAnnotations(own(v, 'annotations')),
    submissions: aget(v, 'submissions').map((s) => ({ at: sget(s, 'submitted_at'), contributor: sget(s, 'contributor_id') })),
  };
}

function notes(v: unknown): NoteV[] {
  return arr(v).map((n) => (typeof n === 'string' ? { message: n } : { type: sget(n, 'type'), message: sget(n, 'message') }));
}

export function readTask(v: unknown): TaskV {
  const t = rec(v);
  const md = own(t, 'metadata');
  return {
    id: sget(t, 'task_id') ?? sget(t, 'id'),
    status: sget(t, 'status'),
    project: ref(own(t, 'project')),
    batch: ref(own(t, 'batch')),
    createdAt: sget(t, 'created_at'),
    completedAt: sget(t, 'completed_at'),
    metadata: isRec(md) ? md : undefined,
    threads: aget(t, 'threads').filter(isRec).map(readThread),
    errors: notes(own(t, 'errors')),
    reports: notes(own(t, 'sensitive_content_reports')),
  };
}

/** Counts for the summary strip. */
export function countAnnotations(task: TaskV): number {
  let n = 0;
  for (const th of task.threads) {
    n += th.annotations.length;
    for (const tu of th.turns) {
      n += tu.annotations.length;
      for (const r of tu.rubrics) for (const c of r.criteria) n += c.annotations.length;
      for (const m of tu.messages) {
        n += m.annotations.length;
        for (const k of m.chunks) n += k.annotations.length;
        for (const e of m.rubricEvaluations) {
          n += e.annotations.length;
          for (const c of e.criteria) n += c.annotations.length;
        }
      }
    }
  }
  return n;
}
