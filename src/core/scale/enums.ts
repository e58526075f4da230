/**
 * Enumerations of the Scale v2 API. The platform adds values over time, so each type is "one of the
 * known values, or any other string": known values get autocompletion and exhaustive handling, and
 * an unknown value still type-checks and is shown as itself.
 */

/** Any string, without collapsing a `'a' | 'b' | string` union to plain `string` in editors. */
export type OtherString = string & {};

export const TASK_STATUSES = ['pending', 'completed', 'canceled', 'error', 'deleted'] as const;
export type KnownTaskStatus = (typeof TASK_STATUSES)[number];
export type TaskStatus = KnownTaskStatus | OtherString;

/** Note the spelling: batches are `cancelled`, tasks are `canceled`. */
export const BATCH_STATUSES = ['staging', 'in_progress', 'completed', 'paused', 'cancelled'] as const;
export type KnownBatchStatus = (typeof BATCH_STATUSES)[number];
export type BatchStatus = KnownBatchStatus | OtherString;

export const MESSAGE_ROLES = ['system', 'user', 'assistant', 'function'] as const;
export type KnownMessageRole = (typeof MESSAGE_ROLES)[number];
export type MessageRole = KnownMessageRole | OtherString;

export const ANNOTATION_TYPES = [
  'integer',
  'boolean',
  'text',
  'category',
  'category_multiple',
  'file',
  'labeled_text',
  'ranked_choices',
  'ranked_groups',
  'rubric_criteria',
  'rubric_rating',
  'workspace_container',
] as const;
export type KnownAnnotationType = (typeof ANNOTATION_TYPES)[number];
export type AnnotationType = KnownAnnotationType | OtherString;

export const ERROR_TYPES = [
  'UNSUPPORTED_LANGUAGE',
  'LANGUAGE_MISMATCH',
  'PROMPT_LENGTH_EXCEEDED',
  'INVALID_CATEGORY',
  'PROMPT_INFEASIBLE',
] as const;
export type KnownErrorType = (typeof ERROR_TYPES)[number];
export type ErrorType = KnownErrorType | OtherString;

/** Former enum of `Project.types` (free strings since 2026-04); a useful list of what to expect. */
export const PROJECT_TYPES = [
  'SFT',
  'RLHF: Pref Ranking',
  'RLHF: Pref Ranking with Rewrites',
  'RLVR: Reinforcement Learning with Verifiable Rewards',
  'Rubrics',
  'Process Supervision',
  'Evals',
  'Prompt Generation',
  'Content Understanding',
  'Other',
] as const;

/** Values of the `opts` query parameter (extra detail in task responses). */
export const TASK_OPTIONS = ['annotation_details', 'attachment_details', 'model_parameters', 'submissions'] as const;
export type KnownTaskOption = (typeof TASK_OPTIONS)[number];
export type TaskOption = KnownTaskOption | OtherString;

/** What the browser asks for by default: everything, so nothing is hidden from the reader. */
export const DEFAULT_TASK_OPTIONS: readonly TaskOption[] = TASK_OPTIONS;

/** `expand` values per endpoint family (§4.1). */
export type BatchExpand = 'project' | OtherString;
export type TaskExpand = 'project' | 'batch' | OtherString;
export type DeliveryExpand = 'project' | 'batch' | 'delivery' | OtherString;
export type DeliveriesExpand = 'project' | OtherString;
export type DatasetTaskExpand = 'dataset' | 'delivery' | OtherString;
export type DatasetDeliveriesExpand = 'dataset' | OtherString;

/** True when `value` is one of `known`; narrows to the known union. */
export function isKnownValue<T extends string>(known: readonly T[], value: string | null | undefined): value is T {
  return typeof value === 'string' && (known as readonly string[]).includes(value);
}
