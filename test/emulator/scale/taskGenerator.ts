/**
 * The everyday generated task: a pure function of (seed, collection, index) and its summary.
 * Completed tasks carry one thread of 1–2 turns in which two models answer a user and an annotator
 * ranks them — about 4 KB of JSON, the size the delivery fixtures promise.
 */
import type { Annotation, Message, Task, TaskStatus, Thread, Turn } from '../../../src/core/scale/types';
import {
  AnnotationIds,
  booleanAnnotation,
  categoryAnnotation,
  categoryMultipleAnnotation,
  integerAnnotation,
  rankedChoicesAnnotation,
  textAnnotation,
} from './annotations';
import { objectId } from './ids';
import { mixSeed, Rng } from './random';
import { assistantAnswer, reasoningText, rewriteText, systemPrompt, topicFor, userPrompt } from './text';

/** What a listing needs to know about task i without generating it (status, times). */
export interface TaskSummary {
  readonly status: TaskStatus;
  readonly createdAt: string;
  readonly completedAt: string | null;
}

export interface TaskPlace {
  readonly seed: number;
  /** The batch's collection number (also the id's collection). */
  readonly collection: number;
  readonly index: number;
  readonly projectId: string;
  readonly batchId: string;
}

const MODELS = ['model_a', 'model_b'];
export const ERROR_TYPE_SAMPLES = ['UNSUPPORTED_LANGUAGE', 'PROMPT_LENGTH_EXCEEDED', 'PROMPT_INFEASIBLE', 'TOXIC_PROMPT_DETECTED'];

export function taskId(collection: number, index: number): string {
  return objectId('task', collection, index);
}

export function rngFor(place: TaskPlace, salt = 0): Rng {
  return new Rng(mixSeed(place.seed, place.collection, place.index, salt));
}

/** The task's skeleton: everything but the conversation. */
export function taskHeader(place: TaskPlace, summary: TaskSummary, rng: Rng): Task {
  const task: Task = {
    task_id: taskId(place.collection, place.index),
    project: place.projectId,
    batch: place.batchId,
    status: summary.status,
    created_at: summary.createdAt,
    ...(summary.completedAt ? { completed_at: summary.completedAt } : {}),
    metadata: { row: place.index, customer_ref: `row-${String(place.index).padStart(6, '0')}`, source: rng.pick(['web', 'api', 'import']) },
    threads: [],
  };
  return task;
}

export function generateTask(place: TaskPlace, summary: TaskSummary): Task {
  const rng = rngFor(place);
  const task = taskHeader(place, summary, rng);
  if (summary.status === 'error') {
    task.errors = [{ type: rng.pick(ERROR_TYPE_SAMPLES), message: 'The prompt could not be processed as written.' }];
  }
  if (summary.status !== 'completed') return task;
  const ids = new AnnotationIds(place.collection, place.index);
  task.threads = [standardThread(rng, ids, summary.completedAt ?? summary.createdAt)];
  return task;
}

function standardThread(rng: Rng, ids: AnnotationIds, completedAt: string): Thread {
  const topic = topicFor(rng);
  const turnCount = rng.int(1, 2);
  const turns: Turn[] = [];
  for (let t = 0; t < turnCount; t++) {
    const messages: Message[] = [];
    if (t === 0 && rng.chance(0.4)) messages.push(plainMessage('system', 'system', systemPrompt(rng)));
    messages.push(plainMessage('user', 'user', userPrompt(topic, rng, t)));
    MODELS.forEach((model, variant) => {
      const annotations: Annotation[] = [integerAnnotation(ids, rng), booleanAnnotation(ids, rng)];
      if (variant === 1 && rng.chance(0.5)) annotations.push(categoryMultipleAnnotation(ids, rng));
      const message = modelMessage(model, assistantAnswer(topic, rng, variant), rng, annotations);
      if (variant === 0 && rng.chance(0.3)) message.content.reasoning = [{ content: reasoningText(topic, rng) }];
      messages.push(message);
    });
    const turnAnnotations = t === 0 ? [categoryAnnotation(ids, rng)] : [];
    if (rng.chance(0.3)) turnAnnotations.push(textAnnotation(ids, rewriteText(topic)));
    turns.push({ id: `turn_${t}`, messages, annotations: turnAnnotations });
  }
  const order = rng.chance(0.5) ? ['model_a', 'model_b'] : ['model_b', 'model_a'];
  return {
    id: 'thread_0',
    submissions: [{ submitted_at: completedAt, contributor_id: `contrib_${rng.int(0x1000, 0xffff).toString(16)}` }],
    annotations: [rankedChoicesAnnotation(ids, order)],
    turns,
  };
}

export function plainMessage(role: string, sourceId: string, text: string, annotations: Annotation[] = []): Message {
  return { role, source_id: sourceId, content: { text }, annotations };
}

export function modelMessage(model: string, text: string, rng: Rng, annotations: Annotation[]): Message {
  return {
    role: 'assistant',
    source_id: model,
    model_parameters: {
      model: model.replace('_', '-'),
      temperature: rng.decimal(0, 1),
      max_completion_tokens: rng.pick([1024, 2048, 4096]),
      top_p: rng.decimal(0.8, 1),
      top_k: rng.pick([20, 40, 50]),
    },
    content: { text },
    annotations,
  };
}
