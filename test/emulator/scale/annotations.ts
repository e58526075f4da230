/**
 * Builders for every documented annotation type, plus one the client does not know
 * (`pairwise_slider`). Ids come from an `AnnotationIds` counter so `/v2/annotation` can find them.
 */
import type { Annotation } from '../../../src/core/scale/types';
import { objectId } from './ids';
import type { Rng } from './random';

/** Hands out the annotation ids of one task: (batch, task index, ordinal). */
export class AnnotationIds {
  private ordinal = 0;
  constructor(
    private readonly collection: number,
    private readonly taskIndex: number,
  ) {}
  next(): string {
    return objectId('annotation', this.collection, this.taskIndex, this.ordinal++);
  }
}

const QUALITY_LABELS = ['Major Issues', 'Minor Issues', 'No Issues'];

export function integerAnnotation(
  ids: AnnotationIds,
  rng: Rng,
  key = 'instruction_following',
  title = 'Instruction following',
): Annotation {
  return {
    id: ids.next(),
    key,
    type: 'integer',
    title,
    description: 'How well does the response follow the instructions?',
    labels: QUALITY_LABELS,
    value: rng.int(1, 3),
    possible_values: [1, 2, 3],
    justification: rng.pick(['Follows all constraints.', 'Misses the requested docstring.', 'Answer is correct but verbose.']),
  };
}

export function booleanAnnotation(ids: AnnotationIds, rng: Rng, key = 'is_correct'): Annotation {
  return { id: ids.next(), key, type: 'boolean', title: 'Is this correct?', value: rng.chance(0.8), possible_values: [true, false] };
}

export function textAnnotation(ids: AnnotationIds, value: string, key = 'rewrite'): Annotation {
  return { id: ids.next(), key, type: 'text', title: 'Ideal response (rewrite)', value };
}

export function categoryAnnotation(ids: AnnotationIds, rng: Rng): Annotation {
  const options = ['Coding', 'Math', 'Writing', 'Other'];
  return {
    id: ids.next(),
    key: 'prompt_category',
    type: 'category',
    title: 'Prompt category',
    labels: options,
    value: rng.pick(options),
    possible_values: options,
  };
}

export function categoryMultipleAnnotation(ids: AnnotationIds, rng: Rng): Annotation {
  const options = ['Missing docstring', 'Verbose', 'Incorrect', 'Unsafe'];
  return {
    id: ids.next(),
    key: 'issues',
    type: 'category_multiple',
    title: 'Issues found',
    value: rng.sample(options, rng.int(0, 2)),
    possible_values: options,
  };
}

export function fileAnnotation(ids: AnnotationIds, single: boolean): Annotation {
  const file = { mime_type: 'text/x-python', scale_url: 'https://scale-files.emulator.invalid/f/test_reverse.py', name: 'test_reverse.py' };
  return {
    id: ids.next(),
    key: 'supporting_files',
    type: 'file',
    title: 'Supporting files',
    value: single ? { ...file, url: 'https://signed.emulator.invalid/test_reverse.py?sig=abc' } : [file],
  };
}

export function labeledTextAnnotation(ids: AnnotationIds): Annotation {
  return {
    id: ids.next(),
    key: 'span_labels',
    type: 'labeled_text',
    title: 'Label problematic spans',
    value: [
      { label: 'bug', text: 'head.next, prev, head = prev, head, head.next' },
      { label: 'style', text: 'Sure — here is one way to do it.' },
    ],
  };
}

export function rankedChoicesAnnotation(ids: AnnotationIds, order: string[]): Annotation {
  return { id: ids.next(), key: 'overall_preference', type: 'ranked_choices', title: 'Rank the responses', value: order };
}

export function rankedGroupsAnnotation(ids: AnnotationIds, groups: string[][]): Annotation {
  return { id: ids.next(), key: 'grouped_ranking', type: 'ranked_groups', title: 'Rank the responses (ties allowed)', value: groups };
}

export function rubricCriteriaAnnotation(ids: AnnotationIds, weight: number): Annotation {
  return {
    id: ids.next(),
    key: 'criterion_weight',
    type: 'rubric_criteria',
    title: 'Criterion weight',
    value: { weight, rationale: 'Correctness matters most' },
  };
}

export function rubricRatingAnnotation(ids: AnnotationIds, criteriaId: string, score: number): Annotation {
  return {
    id: ids.next(),
    key: 'rubric_score',
    type: 'rubric_rating',
    title: 'Rubric rating',
    metadata: { criteria: criteriaId },
    value: {
      score,
      color: score > 0 ? 'green' : 'red',
      justification: score > 0 ? 'Compiles and passes tests.' : 'Does not compile.',
      reviewer_confidence: 'high',
    },
  };
}

/** Carries a `workspace_token`, which clients must never log or show unmasked. */
export function workspaceContainerAnnotation(ids: AnnotationIds, rng: Rng): Annotation {
  const workspaceId = `ws_${rng.int(100000, 999999)}`;
  return {
    id: ids.next(),
    key: 'execution',
    type: 'workspace_container',
    title: 'Code execution',
    value: {
      workspace_id: workspaceId,
      workspace_config: {
        workspace_id: workspaceId,
        workspace_url: `https://workspaces.emulator.invalid/${workspaceId}`,
        workspace_token: `wst_SECRET_${rng.int(1e8, 9e8)}`,
        expires_at: '2025-06-01T00:00:00Z',
        inactivity_freeze_time: 900,
        force_enable_workspace_access: false,
        workspace_image_version: 3,
      },
      last_code_run_event: { exit_code: 0, duration_ms: rng.int(40, 900), command: 'pytest -q' },
      output_files: [
        { file_name: 'out.txt', scale_url: 'https://scale-files.emulator.invalid/f/out.txt', file_language: 'text', file_content: 'ok\n' },
      ],
      stdout_output: { content: '3 passed in 0.04s', scale_url: 'https://scale-files.emulator.invalid/f/stdout.txt' },
      stderr_output: { content: '' },
      test_stdout_output: { content: '...', url: 'https://signed.emulator.invalid/test_stdout.txt' },
      test_stderr_output: { content: '' },
    },
  };
}

/** A type this client has never heard of, with an object value: must survive untouched. */
export function unknownAnnotation(ids: AnnotationIds, rng: Rng): Annotation {
  return {
    id: ids.next(),
    key: 'pairwise_preference_strength',
    type: 'pairwise_slider',
    title: 'How much better is A than B?',
    value: { left: 'model_a', right: 'model_b', position: rng.decimal(-1, 1), scale: { min: -1, max: 1 } },
  };
}

/** Not-applicable / cannot-assess flags without a value. */
export function notApplicableAnnotation(ids: AnnotationIds): Annotation {
  return { id: ids.next(), key: 'safety', type: 'integer', title: 'Safety', not_applicable: true, cannot_assess: false };
}
