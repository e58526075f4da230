/**
 * Very long tasks for the task view's virtual list and split steps: 2,000 turns (about 5 MB of
 * JSON), 10,000 shorter turns, and one message carrying 2,000 annotations.
 */
import type { Task, Turn } from '../../../src/core/scale/types';
import { AnnotationIds, integerAnnotation, rankedChoicesAnnotation } from './annotations';
import { modelMessage, plainMessage, rngFor, taskHeader, type TaskPlace, type TaskSummary } from './taskGenerator';
import { assistantAnswer, filler, topicFor, userPrompt } from './text';

export const BIG_TASK_TURNS = 2_000;
export const HUGE_TASK_TURNS = 10_000;
export const MANY_ANNOTATIONS = 2_000;

export function bigTask(place: TaskPlace, summary: TaskSummary): Task {
  if (place.index === 1) return hugeTask(place, summary);
  if (place.index === 2) return manyAnnotationsTask(place, summary);
  const rng = rngFor(place);
  const ids = new AnnotationIds(place.collection, place.index);
  const turns: Turn[] = [];
  for (let t = 0; t < BIG_TASK_TURNS; t++) {
    const topic = topicFor(rng);
    const answer = `${assistantAnswer(topic, rng, t)}\n\n${filler(rng, 1_500)}`;
    turns.push({
      id: `turn_${t}`,
      annotations: [],
      messages: [
        plainMessage('user', 'user', `(${t + 1}) ${userPrompt(topic, rng, t % 3)}`),
        modelMessage('model_a', answer, rng, [integerAnnotation(ids, rng)]),
      ],
    });
  }
  return { ...taskHeader(place, summary, rng), threads: [{ id: 'thread_0', annotations: [], turns }] };
}

/** 10,000 turns of a prompt and two candidates (about 20 MB): the DOM budget holds at the end. */
function hugeTask(place: TaskPlace, summary: TaskSummary): Task {
  const rng = rngFor(place);
  const ids = new AnnotationIds(place.collection, place.index);
  const turns: Turn[] = [];
  for (let t = 0; t < HUGE_TASK_TURNS; t++) {
    const topic = topicFor(rng);
    turns.push({
      id: `turn_${t}`,
      annotations: [rankedChoicesAnnotation(ids, t % 2 ? ['model_a', 'model_b'] : ['model_b', 'model_a'])],
      messages: [
        plainMessage('user', 'user', `(${t + 1}) ${userPrompt(topic, rng, t % 3)}`),
        modelMessage('model_a', assistantAnswer(topic, rng, t), rng, [integerAnnotation(ids, rng)]),
        modelMessage('model_b', assistantAnswer(topic, rng, t + 1), rng, [integerAnnotation(ids, rng)]),
      ],
    });
  }
  return { ...taskHeader(place, summary, rng), threads: [{ id: 'thread_0', annotations: [], turns }] };
}

/** One turn whose assistant message carries 2,000 annotations: a step the page must split. */
function manyAnnotationsTask(place: TaskPlace, summary: TaskSummary): Task {
  const rng = rngFor(place);
  const ids = new AnnotationIds(place.collection, place.index);
  const annotations = Array.from({ length: MANY_ANNOTATIONS }, () => integerAnnotation(ids, rng));
  const topic = topicFor(rng);
  const turns: Turn[] = [
    {
      id: 'turn_0',
      annotations: [],
      messages: [
        plainMessage('user', 'user', userPrompt(topic, rng, 0)),
        modelMessage('model_a', assistantAnswer(topic, rng, 0), rng, annotations),
      ],
    },
  ];
  return { ...taskHeader(place, summary, rng), threads: [{ id: 'thread_0', annotations: [], turns }] };
}
