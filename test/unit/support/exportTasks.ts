/** Hand-built tasks for the export tests: every message, turn and ranking written out, so answers can be worked out by eye. */
import type { Annotation, Message, Task, Thread, Turn } from '../../../src/core/scale/types';

export function msg(role: string, text: string, source_id = role, extra: Partial<Message> = {}): Message {
  return { role, content: { text }, source_id, annotations: [], ...extra } as Message;
}

let annotationCounter = 0;
export function ranking(
  type: 'ranked_choices' | 'ranked_groups',
  value: unknown,
  key = 'preference',
  extra: Partial<Annotation> = {},
): Annotation {
  return { id: `ann-${++annotationCounter}`, key, type, value, ...extra } as Annotation;
}

export function turn(id: string, messages: Message[], annotations: Annotation[] = []): Turn {
  return { id, messages, annotations };
}

export function thread(id: string, turns: Turn[], annotations: Annotation[] = []): Thread {
  return { id, turns, annotations };
}

export function task(task_id: string, threads: Thread[], extra: Partial<Task> = {}): Task {
  return {
    task_id,
    project: 'proj-1',
    batch: 'batch-1',
    status: 'completed',
    created_at: '2025-05-01T10:00:00.000Z',
    completed_at: '2025-05-02T11:30:00.000Z',
    metadata: {},
    threads,
    ...extra,
  } as Task;
}

/** A turn with a user prompt and candidates a, b, c, … (`<id>:<source>` as each candidate's text). */
export function candidateTurn(id: string, sources: string[], annotations: Annotation[] = [], prompt = `prompt ${id}`): Turn {
  return turn(id, [msg('user', prompt), ...sources.map((s) => msg('assistant', `${id}:${s}`, s))], annotations);
}
