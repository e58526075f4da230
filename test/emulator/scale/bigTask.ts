/** A very long task (2,000 turns, about 5 MB of JSON) for progressive rendering and memory tests. */
import type { Task, Turn } from '../../../src/core/scale/types';
import { AnnotationIds, integerAnnotation } from './annotations';
import { modelMessage, plainMessage, rngFor, taskHeader, type TaskPlace, type TaskSummary } from './taskGenerator';
import { assistantAnswer, filler, topicFor, userPrompt } from './text';

export const BIG_TASK_TURNS = 2_000;

export function bigTask(place: TaskPlace, summary: TaskSummary): Task {
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
