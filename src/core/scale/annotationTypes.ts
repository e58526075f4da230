/**
 * Annotations and rubrics (§6.6, §6.7). `Annotation` is a union discriminated by `type`, with an
 * `UnknownAnnotation` member for types the platform adds later and for the bare `{key, value}` form
 * returned without `opts=annotation_details`. Use `isKnownAnnotation` to narrow before a `switch`.
 */
import type { AnnotationType } from './enums';
import type { BasicFile, ContentAndUrl, DetailedFile, WorkspaceFile } from './fileTypes';

type Maybe<T> = T | null | undefined;

/** Either an annotation id / slug, or the full annotation when expanded. */
export type ExpandableAnnotation = string | Annotation;

export interface AnnotationMetadata {
  /** Links e.g. a rubric rating to the criterion annotation it scores. */
  criteria?: Maybe<ExpandableAnnotation>;
}

/** Fields every annotation shares. `id` and `type` are missing in the bare form. */
export interface AnnotationBase {
  id?: Maybe<string>;
  key?: Maybe<string>;
  title?: Maybe<string>;
  description?: Maybe<string>;
  labels?: Maybe<string[]>;
  not_applicable?: Maybe<boolean>;
  cannot_assess?: Maybe<boolean>;
  metadata?: Maybe<AnnotationMetadata>;
  justification?: Maybe<string>;
}

export interface IntegerAnnotation extends AnnotationBase {
  type: 'integer';
  value?: Maybe<number>;
  possible_values?: Maybe<number[]>;
}

export interface BooleanAnnotation extends AnnotationBase {
  type: 'boolean';
  value?: Maybe<boolean>;
  possible_values?: Maybe<boolean[]>;
}

export interface TextAnnotation extends AnnotationBase {
  type: 'text';
  value?: Maybe<string>;
}

export interface CategoryAnnotation extends AnnotationBase {
  type: 'category';
  value?: Maybe<string>;
  possible_values?: Maybe<string[]>;
}

export interface CategoryMultipleAnnotation extends AnnotationBase {
  type: 'category_multiple';
  value?: Maybe<string[]>;
  possible_values?: Maybe<string[]>;
}

export interface FileAnnotation extends AnnotationBase {
  type: 'file';
  /** One detailed file, or a list of basic files. */
  value?: Maybe<DetailedFile | BasicFile[]>;
}

export interface LabeledTextValue {
  label?: Maybe<string>;
  text?: Maybe<string>;
}

export interface LabeledTextAnnotation extends AnnotationBase {
  type: 'labeled_text';
  value?: Maybe<LabeledTextValue[]>;
}

/** Strict ranking, most preferred first. */
export interface RankedChoicesAnnotation extends AnnotationBase {
  type: 'ranked_choices';
  value?: Maybe<string[]>;
}

/** Ranking with ties: each inner array is one rank position, most preferred first. */
export interface RankedGroupsAnnotation extends AnnotationBase {
  type: 'ranked_groups';
  value?: Maybe<string[][]>;
}

export interface RubricCriteriaValue {
  weight?: Maybe<number>;
  [extra: string]: unknown;
}

export interface RubricCriteriaAnnotation extends AnnotationBase {
  type: 'rubric_criteria';
  value?: Maybe<RubricCriteriaValue>;
}

export interface RubricRatingValue {
  score?: Maybe<number>;
  color?: Maybe<string>;
  justification?: Maybe<string>;
  [extra: string]: unknown;
}

export interface RubricRatingAnnotation extends AnnotationBase {
  type: 'rubric_rating';
  value?: Maybe<RubricRatingValue>;
}

export interface WorkspaceContainerConfig {
  workspace_id: string;
  workspace_url: string;
  /** Sensitive: never log, persist or display it unmasked. */
  workspace_token: string;
  expires_at: string;
  inactivity_freeze_time: number;
  force_enable_workspace_access?: Maybe<boolean>;
  workspace_image_version?: Maybe<number>;
}

export interface WorkspaceContainerValue {
  workspace_id?: Maybe<string>;
  workspace_config?: Maybe<WorkspaceContainerConfig>;
  last_code_run_event?: Maybe<Record<string, unknown>>;
  output_files?: Maybe<WorkspaceFile[]>;
  stdout_output?: Maybe<ContentAndUrl>;
  stderr_output?: Maybe<ContentAndUrl>;
  test_stdout_output?: Maybe<ContentAndUrl>;
  test_stderr_output?: Maybe<ContentAndUrl>;
}

export interface WorkspaceContainerAnnotation extends AnnotationBase {
  type: 'workspace_container';
  value?: Maybe<WorkspaceContainerValue>;
}

/**
 * A type this client does not know yet, or a bare annotation without `type`. Kept whole; render
 * `value` generically.
 */
export interface UnknownAnnotation extends AnnotationBase {
  type?: Maybe<AnnotationType>;
  value?: unknown;
  possible_values?: unknown;
}

export type KnownAnnotation =
  | IntegerAnnotation
  | BooleanAnnotation
  | TextAnnotation
  | CategoryAnnotation
  | CategoryMultipleAnnotation
  | FileAnnotation
  | LabeledTextAnnotation
  | RankedChoicesAnnotation
  | RankedGroupsAnnotation
  | RubricCriteriaAnnotation
  | RubricRatingAnnotation
  | WorkspaceContainerAnnotation;

export type Annotation = KnownAnnotation | UnknownAnnotation;

/** Rubric definition attached to a turn. */
export interface Rubric {
  criteria_definitions: CriterionDefinition[];
  max_total_score?: Maybe<number>;
}

export interface CriterionDefinition {
  id: string;
  criterion: string;
  /** Multiplier for the criterion's score. */
  weight?: Maybe<number>;
  annotations: Annotation[];
}

/** Evaluation of one message against a rubric. */
export interface RubricEvaluation {
  criteria_evaluations?: Maybe<CriterionEvaluation[]>;
  annotations?: Maybe<Annotation[]>;
  /** Sum of score × weight over the criteria. */
  total_score?: Maybe<number>;
  /** Weighted score as a percentage of the maximum. */
  percentage?: Maybe<number>;
}

export interface CriterionEvaluation {
  /** Points to `CriterionDefinition.id`. */
  criterion_definition_id?: Maybe<string>;
  /** Score before weighting. */
  score?: Maybe<number>;
  annotations?: Maybe<Annotation[]>;
}
