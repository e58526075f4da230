/**
 * Small hand-built tasks with known answers: one annotation (or a few) placed at a chosen level,
 * so a condition's expected matches can be read off the list by eye.
 */

type Rec = Record<string, unknown>;

export type Level = 'thread' | 'turn' | 'message' | 'chunk' | 'criterion' | 'evaluation' | 'criterion_evaluation';

/** A completed task with one thread, one turn and one assistant message holding `text`. */
export function handTask(id: string, placed: Array<[Level, Rec]>, extra: Rec = {}, text = 'An answer.'): Rec {
  const at = (level: Level): Rec[] => placed.filter(([l]) => l === level).map(([, a]) => a);
  const message: Rec = {
    role: 'assistant',
    source_id: 'model_a',
    content: { text, chunks: [{ type: 'text', text: 'chunk', annotations: at('chunk') }] },
    annotations: at('message'),
    rubric_evaluations: [
      {
        annotations: at('evaluation'),
        criteria_evaluations: [{ criterion_definition_id: 'c1', score: 1, annotations: at('criterion_evaluation') }],
      },
    ],
  };
  return {
    task_id: id,
    status: 'completed',
    threads: [
      {
        id: 'thread_0',
        annotations: at('thread'),
        turns: [
          {
            id: 'turn_0',
            annotations: at('turn'),
            rubrics: [{ criteria_definitions: [{ id: 'c1', criterion: 'Criterion one', annotations: at('criterion') }] }],
            messages: [{ role: 'user', source_id: 'user', content: { text: 'A question.' }, annotations: [] }, message],
          },
        ],
      },
    ],
    ...extra,
  };
}

export const ann = (key: string, type: string, value: unknown, more: Rec = {}): Rec => ({ key, type, value, ...more });
