/**
 * Hand-shaped tasks of the "Showcase" batch, each addressing one reading problem: every annotation
 * type at every level, errors, sensitive-content reports, unknown values, side-by-side candidates,
 * attachments of every kind.
 */
import type { Annotation, Message, Task, Thread } from '../../../src/core/scale/types';
import * as A from './annotations';
import { generateTask, modelMessage, plainMessage, rngFor, taskHeader, type TaskPlace, type TaskSummary } from './taskGenerator';
import type { Rng } from './random';
import { assistantAnswer, reasoningText, rewriteText, systemPrompt, topicFor } from './text';

/** Index of each showcase task in its batch; ids follow from these. */
export const SHOWCASE = {
  kitchenSink: 0,
  error: 1,
  sensitive: 2,
  pending: 3,
  unknownStatus: 4,
  canceled: 5,
  deleted: 6,
  sideBySide: 7,
  attachments: 8,
} as const;

export const SHOWCASE_STATUSES: readonly string[] = [
  'completed',
  'error',
  'completed',
  'pending',
  'quality_review',
  'canceled',
  'deleted',
  'completed',
  'completed',
];

export const TINY_PNG_BASE64 = 'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==';

export function showcaseTask(place: TaskPlace, summary: TaskSummary): Task {
  const rng = rngFor(place);
  const ids = new A.AnnotationIds(place.collection, place.index);
  switch (place.index) {
    case SHOWCASE.kitchenSink:
      return { ...taskHeader(place, summary, rng), threads: [kitchenSinkThread(rng, ids)] };
    case SHOWCASE.error:
      return {
        ...taskHeader(place, summary, rng),
        errors: [
          { type: 'PROMPT_LENGTH_EXCEEDED', message: 'The prompt is longer than the 32k-token limit.' },
          { type: 'TOXIC_PROMPT_DETECTED', message: 'An error type this client does not know yet.' },
        ],
      };
    case SHOWCASE.sensitive: {
      // Reported tasks come back without a `threads` key at all.
      const { threads: _omitted, ...header } = taskHeader(place, summary, rng);
      return {
        ...header,
        sensitive_content_reports: [{ type: 'self_harm', message: 'Reported by a contributor during review.' }, { type: 'pii' }],
      };
    }
    case SHOWCASE.sideBySide:
      return { ...taskHeader(place, summary, rng), threads: sideBySideThreads(rng, ids) };
    case SHOWCASE.attachments:
      return { ...taskHeader(place, summary, rng), threads: [attachmentsThread(rng, ids)] };
    default:
      return generateTask(place, summary);
  }
}

/** One of each documented type, plus an unknown type and a not-applicable flag. */
function everyType(ids: A.AnnotationIds, rng: Rng, criteriaId: string): Annotation[] {
  return [
    A.integerAnnotation(ids, rng),
    A.booleanAnnotation(ids, rng),
    A.textAnnotation(ids, 'A short free-text comment about this part.', 'comment'),
    A.categoryAnnotation(ids, rng),
    A.categoryMultipleAnnotation(ids, rng),
    A.fileAnnotation(ids, rng.chance(0.5)),
    A.labeledTextAnnotation(ids),
    A.rankedChoicesAnnotation(ids, ['model_b', 'model_a']),
    A.rankedGroupsAnnotation(ids, [['model_b'], ['model_a', 'model_c']]),
    A.rubricCriteriaAnnotation(ids, 6),
    A.rubricRatingAnnotation(ids, criteriaId, 1),
    A.workspaceContainerAnnotation(ids, rng),
    A.unknownAnnotation(ids, rng),
    A.notApplicableAnnotation(ids),
  ];
}

function kitchenSinkThread(rng: Rng, ids: A.AnnotationIds): Thread {
  const topic = topicFor(rng);
  const criterionAnnotationId = 'criterion_weight';
  const modelA = modelMessage('model_a', assistantAnswer(topic, rng, 0), rng, everyType(ids, rng, criterionAnnotationId));
  modelA.content.reasoning = [{ content: reasoningText(topic, rng) }, { content: 'Second thought: mention the empty-list case.' }];
  modelA.content.chunks = [
    { type: 'text', text: 'def reverse(head):', annotations: everyType(ids, rng, criterionAnnotationId) },
    { type: 'text', text: '    prev = None', annotations: [A.booleanAnnotation(ids, rng, 'chunk_correct')] },
  ];
  modelA.rubric_evaluations = [
    {
      criteria_evaluations: [
        { criterion_definition_id: 'crit_1', score: 1, annotations: everyType(ids, rng, criterionAnnotationId) },
        { criterion_definition_id: 'crit_2', score: 0 },
      ],
      annotations: everyType(ids, rng, criterionAnnotationId),
      total_score: 6,
      percentage: 60,
    },
  ];
  const modelB = modelMessage('model_b', assistantAnswer(topic, rng, 1), rng, [
    A.integerAnnotation(ids, rng),
    A.textAnnotation(ids, rewriteText(topic)),
  ]);
  const user: Message = {
    role: 'user',
    source_id: 'user',
    content: {
      text: `${topic.prompt}\n\nSee the attached diagram and the background notes.`,
      attachments: [{ mime_type: 'image/png', name: 'diagram.png', content: TINY_PNG_BASE64, file_size_in_bytes: 68 }],
      reference_texts: [
        {
          content: 'A singly linked list is a chain of nodes, each pointing to the next.',
          category: 'background',
          url: 'https://en.wikipedia.org/wiki/Linked_list',
        },
        { content: 'Style guide: prefer iterative solutions.', category: 'guidelines' },
      ],
    },
    annotations: [],
  };
  const functionResult = plainMessage('function', 'code_runner', '```json\n{"exit_code": 0, "stdout": "3 passed"}\n```');
  const toolMessage = plainMessage('tool', 'search_tool', 'Top result: “Reversing a linked list — iterative vs recursive”.');
  return {
    id: 'thread_0',
    submissions: [
      { submitted_at: '2025-05-21T14:40:55.000Z', contributor_id: 'contrib_7f3a' },
      { submitted_at: '2025-05-21T15:02:10.000Z', contributor_id: 'contrib_reviewer_02' },
    ],
    annotations: everyType(ids, rng, criterionAnnotationId),
    turns: [
      {
        id: 'turn_0',
        annotations: everyType(ids, rng, criterionAnnotationId),
        rubrics: [
          {
            max_total_score: 10,
            criteria_definitions: [
              {
                id: 'crit_1',
                criterion: 'Code compiles without modification',
                weight: 6,
                annotations: everyType(ids, rng, criterionAnnotationId),
              },
              { id: 'crit_2', criterion: 'Explains time complexity', weight: 4, annotations: [] },
            ],
          },
        ],
        messages: [plainMessage('system', 'system', systemPrompt(rng)), user, modelA, modelB, functionResult, toolMessage],
      },
      {
        id: 'turn_1',
        annotations: [],
        messages: [
          plainMessage('user', 'user', 'Thanks! What is the complexity?'),
          modelMessage('model_a', '## Complexity\n\n- Time: **O(n)**\n- Space: **O(1)**', rng, []),
        ],
      },
    ],
  };
}

/** Three candidates in one turn, ranked with a tie; a second thread shows thread tabs. */
function sideBySideThreads(rng: Rng, ids: A.AnnotationIds): Thread[] {
  const topic = topicFor(rng);
  const candidates = ['model_a', 'model_b', 'model_c'].map((model, i) =>
    modelMessage(model, assistantAnswer(topic, rng, i), rng, [A.integerAnnotation(ids, rng)]),
  );
  const first: Thread = {
    id: 'thread_0',
    annotations: [A.rankedGroupsAnnotation(ids, [['model_c'], ['model_a', 'model_b']])],
    turns: [
      {
        id: 'turn_0',
        annotations: [A.rankedChoicesAnnotation(ids, ['model_c', 'model_a', 'model_b'])],
        messages: [plainMessage('user', 'user', topic.prompt), ...candidates],
      },
    ],
  };
  const second: Thread = {
    id: 'thread_1',
    annotations: [A.rankedChoicesAnnotation(ids, ['model_b', 'model_a'])],
    turns: [
      {
        id: 'turn_0',
        annotations: [],
        messages: [
          plainMessage('user', 'user', 'Same question, shorter please.'),
          modelMessage('model_a', 'Iterate and flip `next` pointers.', rng, []),
          modelMessage('model_b', 'Walk the list once, reversing links.', rng, []),
        ],
      },
    ],
  };
  return [first, second];
}

function attachmentsThread(rng: Rng, ids: A.AnnotationIds): Thread {
  const user: Message = {
    role: 'user',
    source_id: 'user',
    content: {
      text: 'Transcribe the recording and describe the screenshot.',
      attachments: [
        {
          mime_type: 'audio/mpeg',
          url: 'https://signed.emulator.invalid/call.mp3?sig=1',
          scale_url: 'https://scale-files.emulator.invalid/call.mp3',
          duration: 42.5,
          transcript: 'Hello, I would like to change my plan.',
          transcript_start: 0,
          transcript_end: 4.2,
        },
        { mime_type: 'image/jpeg', url: 'https://signed.emulator.invalid/screen.jpg?sig=2', name: 'screen.jpg', file_size_in_bytes: 48213 },
        { mime_type: 'image/png', name: 'inline.png', content: TINY_PNG_BASE64 },
        { mime_type: 'text/plain', name: 'notes.txt', content: Buffer.from('Customer called twice.\n').toString('base64') },
        { name: 'mystery.bin', scale_url: 'https://scale-files.emulator.invalid/mystery.bin' },
      ],
    },
    annotations: [],
  };
  return {
    id: 'thread_0',
    annotations: [],
    turns: [
      {
        id: 'turn_0',
        annotations: [],
        messages: [user, modelMessage('model_a', 'The caller asks to change their plan.', rng, [A.integerAnnotation(ids, rng)])],
      },
    ],
  };
}
