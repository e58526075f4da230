/**
 * What `opts` and `expand` do to a task on its way out (reference §4): without
 * `annotation_details` annotations are bare `{key, value}`; without `attachment_details`,
 * `model_parameters` or `submissions` those parts are left out; `expand` swaps ids for objects.
 * Transforms copy only what they change and keep key order, and tolerate malformed extra tasks.
 */
import type { Annotation, Task } from '../../../src/core/scale/types';

type JsonRecord = Record<string, unknown>;

export interface TaskView {
  readonly opts: ReadonlySet<string>;
  readonly expand: ReadonlySet<string>;
  resolve(kind: 'project' | 'batch', id: string): unknown;
}

function isRecord(value: unknown): value is JsonRecord {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function mapArray(value: unknown, fn: (item: JsonRecord) => JsonRecord): unknown {
  return Array.isArray(value) ? value.map((item) => (isRecord(item) ? fn(item) : item)) : value;
}

/** Applies `annotationFn` to every annotation at every level, and `messageFn`/`threadFn` to those. */
export function transformTask(
  task: Task,
  fns: { annotation?: (a: Annotation) => Annotation; message?: (m: JsonRecord) => JsonRecord; thread?: (t: JsonRecord) => JsonRecord },
): Task {
  const annotationFn = fns.annotation;
  const annotate = (list: unknown) => (annotationFn ? mapArray(list, (a) => annotationFn(a as Annotation) as JsonRecord) : list);
  const withAnnotations = (record: JsonRecord): JsonRecord =>
    'annotations' in record ? { ...record, annotations: annotate(record.annotations) } : record;
  const message = (m: JsonRecord): JsonRecord => {
    let out = withAnnotations(m);
    if (isRecord(out.content) && Array.isArray(out.content.chunks))
      out = { ...out, content: { ...out.content, chunks: mapArray(out.content.chunks, withAnnotations) } };
    if (Array.isArray(out.rubric_evaluations)) {
      out = {
        ...out,
        rubric_evaluations: mapArray(out.rubric_evaluations, (e) => ({
          ...withAnnotations(e),
          ...('criteria_evaluations' in e ? { criteria_evaluations: mapArray(e.criteria_evaluations, withAnnotations) } : {}),
        })),
      };
    }
    return fns.message ? fns.message(out) : out;
  };
  const turn = (t: JsonRecord): JsonRecord => {
    let out: JsonRecord = { ...withAnnotations(t), messages: mapArray(t.messages, message) };
    if (Array.isArray(out.rubrics))
      out = {
        ...out,
        rubrics: mapArray(out.rubrics, (r) => ({ ...r, criteria_definitions: mapArray(r.criteria_definitions, withAnnotations) })),
      };
    return out;
  };
  const thread = (t: JsonRecord): JsonRecord => {
    const out = { ...withAnnotations(t), turns: mapArray(t.turns, turn) };
    return fns.thread ? fns.thread(out) : out;
  };
  if (!Array.isArray(task.threads)) return task;
  return { ...task, threads: mapArray(task.threads, thread) as Task['threads'] };
}

/** Visits every annotation (for lookups by id). */
export function walkAnnotations(task: Task, visit: (a: Annotation) => Annotation): void {
  transformTask(task, { annotation: visit });
}

const ATTACHMENT_DETAIL_FIELDS = [
  'name',
  'file_size_in_bytes',
  'duration',
  'transcript',
  'transcript_url',
  'transcript_start',
  'transcript_end',
];

export function applyTaskView(task: Task, view: TaskView): Task {
  const bare = !view.opts.has('annotation_details');
  const noAttachmentDetails = !view.opts.has('attachment_details');
  const noModelParameters = !view.opts.has('model_parameters');
  const noSubmissions = !view.opts.has('submissions');
  let out = transformTask(task, {
    annotation: bare ? (a) => (a.value === undefined ? { key: a.key } : { key: a.key, value: a.value }) : undefined,
    message: (m) => {
      let result = m;
      if (noModelParameters && 'model_parameters' in result) result = omit(result, ['model_parameters']);
      if (noAttachmentDetails && isRecord(result.content) && Array.isArray(result.content.attachments)) {
        result = {
          ...result,
          content: { ...result.content, attachments: mapArray(result.content.attachments, (f) => omit(f, ATTACHMENT_DETAIL_FIELDS)) },
        };
      }
      return result;
    },
    thread: noSubmissions ? (t) => omit(t, ['submissions']) : undefined,
  });
  for (const kind of ['project', 'batch'] as const) {
    const ref = out[kind];
    if (view.expand.has(kind) && typeof ref === 'string') out = { ...out, [kind]: view.resolve(kind, ref) ?? ref };
  }
  return out;
}

function omit(record: JsonRecord, keys: readonly string[]): JsonRecord {
  const out: JsonRecord = {};
  for (const [key, value] of Object.entries(record)) if (!keys.includes(key)) out[key] = value;
  return out;
}
