/**
 * The rows of the three Parquet tables (exports.md, "parquet"): tasks, messages, annotations,
 * joinable on their ids. Indices are 0-based, `message_index` counts within its turn, a missing
 * value is a null, and every value passes through the task's Redactor.
 */
import type { Annotation, Message, Task, Thread, Turn } from '../scale/types';
import { idOf } from '../scale/helpers';
import { threadsOf } from './chat';
import type { ColumnSpec } from './parquetFile';
import { Redactor } from '../secrets/redactor';

export const TASK_COLUMNS: readonly ColumnSpec[] = [
  { name: 'task_id', kind: 'string' },
  { name: 'project', kind: 'string' },
  { name: 'batch', kind: 'string' },
  { name: 'status', kind: 'string' },
  { name: 'created_at', kind: 'timestamp' },
  { name: 'completed_at', kind: 'timestamp' },
  { name: 'metadata', kind: 'text' },
  { name: 'threads', kind: 'text' },
  { name: 'error_count', kind: 'int32' },
  { name: 'sensitive_report_count', kind: 'int32' },
];

export const MESSAGE_COLUMNS: readonly ColumnSpec[] = [
  { name: 'task_id', kind: 'string' },
  { name: 'thread_id', kind: 'string' },
  { name: 'turn_id', kind: 'string' },
  { name: 'turn_index', kind: 'int32' },
  { name: 'message_index', kind: 'int32' },
  { name: 'role', kind: 'string' },
  { name: 'source_id', kind: 'string' },
  { name: 'text', kind: 'text' },
  { name: 'model', kind: 'string' },
];

export const ANNOTATION_COLUMNS: readonly ColumnSpec[] = [
  { name: 'task_id', kind: 'string' },
  { name: 'thread_id', kind: 'string' },
  { name: 'turn_id', kind: 'string' },
  { name: 'message_index', kind: 'int32' },
  { name: 'level', kind: 'string' },
  { name: 'source_id', kind: 'string' },
  { name: 'key', kind: 'string' },
  { name: 'type', kind: 'string' },
  { name: 'value_number', kind: 'double' },
  { name: 'value_text', kind: 'string' },
  { name: 'value_json', kind: 'text' },
  { name: 'label', kind: 'string' },
  { name: 'justification', kind: 'text' },
];

export type AnnotationLevel = 'thread' | 'turn' | 'message' | 'chunk' | 'rubric';
type Row = unknown[];

export interface TaskRows {
  readonly task: Row;
  readonly messages: Row[];
  readonly annotations: Row[];
}

export function taskRows(task: Task): TaskRows {
  const r = Redactor.forTask(task);
  const s = (value: unknown): string | null => (typeof value === 'string' ? r.text(value) : null);
  const taskId = s(task.task_id);
  const list = (value: unknown): number => (Array.isArray(value) ? value.length : 0);
  const taskRow = [
    taskId,
    s(idOf(task.project as never)),
    s(idOf(task.batch as never)),
    s(task.status),
    timestamp(task.created_at),
    timestamp(task.completed_at),
    r.json(task.metadata),
    r.json(task.threads),
    list(task.errors),
    list(task.sensitive_content_reports),
  ];
  const messages: Row[] = [];
  const annotations: Row[] = [];
  const annotate = (
    list: unknown,
    where: { thread: Thread; turn?: Turn; index?: number; message?: Message },
    level: AnnotationLevel,
  ): void => {
    if (!Array.isArray(list)) return;
    for (const a of list as Annotation[]) {
      if (typeof a !== 'object' || a === null) continue;
      const v = annotationValues(a, r);
      annotations.push([
        taskId,
        s(where.thread.id),
        s(where.turn?.id),
        where.index ?? null,
        level,
        s(where.message?.source_id),
        s(a.key),
        s(a.type),
        v.number,
        v.text,
        v.json,
        v.label,
        s(a.justification),
      ]);
    }
  };
  for (const thread of threadsOf(task)) {
    annotate(thread.annotations, { thread }, 'thread');
    (Array.isArray(thread.turns) ? thread.turns : []).forEach((turn, turnIndex) => {
      if (typeof turn !== 'object' || turn === null) return;
      annotate(turn.annotations, { thread, turn }, 'turn');
      for (const rubric of arrayOf(turn.rubrics)) {
        for (const criterion of arrayOf(rubric?.criteria_definitions)) annotate(criterion?.annotations, { thread, turn }, 'rubric');
      }
      arrayOf(turn.messages).forEach((message, index) => {
        if (typeof message !== 'object' || message === null) return;
        const model = message.model_parameters?.model;
        messages.push([
          taskId,
          s(thread.id),
          s(turn.id),
          turnIndex,
          index,
          s(message.role),
          s(message.source_id),
          s(message.content?.text),
          s(model),
        ]);
        const at = { thread, turn, index, message };
        annotate(message.annotations, at, 'message');
        for (const chunk of arrayOf(message.content?.chunks)) annotate(chunk?.annotations, at, 'chunk');
        for (const evaluation of arrayOf(message.rubric_evaluations)) {
          annotate(evaluation?.annotations, at, 'rubric');
          for (const criterion of arrayOf(evaluation?.criteria_evaluations)) annotate(criterion?.annotations, at, 'rubric');
        }
      });
    });
  }
  return { task: taskRow, messages, annotations };
}

export interface AnnotationValues {
  readonly number: number | null;
  readonly text: string | null;
  readonly json: string | null;
  readonly label: string | null;
}

/** The value in the typed columns: integer and rubric score as a number, text-like ones as text, rankings by their first. */
export function annotationValues(a: Annotation, r: Redactor): AnnotationValues {
  const value: unknown = a.value;
  let number: number | null = null;
  let text: string | null = null;
  let label: string | null = null;
  switch (a.type) {
    case 'integer':
      if (typeof value === 'number' && Number.isFinite(value)) {
        number = value;
        const labels = a.labels;
        const possible: unknown = (a as { possible_values?: unknown }).possible_values;
        if (Array.isArray(labels) && Array.isArray(possible) && labels.length === possible.length) {
          const at = possible.indexOf(value);
          if (at >= 0 && typeof labels[at] === 'string') label = r.text(labels[at]);
        }
      }
      break;
    case 'rubric_rating': {
      const score = (value as { score?: unknown } | null | undefined)?.score;
      if (typeof score === 'number' && Number.isFinite(score)) number = score;
      break;
    }
    case 'category':
    case 'text':
      if (typeof value === 'string') text = r.text(value);
      break;
    case 'boolean':
      if (typeof value === 'boolean') text = value ? 'true' : 'false';
      break;
    case 'ranked_choices':
      if (Array.isArray(value) && typeof value[0] === 'string') text = r.text(value[0]);
      break;
    case 'ranked_groups':
      if (Array.isArray(value) && Array.isArray(value[0])) {
        const first = (value[0] as unknown[]).filter((v): v is string => typeof v === 'string');
        if (first.length > 0) text = r.text(first.join(', '));
      }
      break;
  }
  return { number, text, json: r.json(value), label };
}

function timestamp(value: unknown): Date | null {
  if (typeof value !== 'string' || value === '') return null;
  const ms = Date.parse(value);
  return Number.isNaN(ms) ? null : new Date(ms);
}

function arrayOf<T>(value: T[] | null | undefined): T[] {
  return Array.isArray(value) ? value : [];
}
