/**
 * The view structures a Scale v2 task is read into (model.ts reads them; see api/scale-genai-v2.md §6):
 * every field optional where the API may leave it out, unknown values kept as strings.
 */
import type { Rec } from '../shell/model';

export interface Ref {
  id?: string;
  name?: string;
}

export interface AnnotationV {
  id?: string;
  key?: string;
  type?: string;
  title?: string;
  description?: string;
  labels: string[];
  notApplicable: boolean;
  cannotAssess: boolean;
  justification?: string;
  criteria?: string;
  hasValue: boolean;
  value: unknown;
  possibleValues?: unknown[];
  raw: Rec;
}

export interface FileV {
  name?: string;
  mimeType?: string;
  size?: number;
  url?: string;
  scaleUrl?: string;
  content?: string;
  duration?: number;
  transcript?: string;
  kind: 'image' | 'audio' | 'file';
}

export interface ReferenceTextV {
  content?: string;
  category?: string;
  url?: string;
}
export interface ChunkV {
  type?: string;
  text?: string;
  annotations: AnnotationV[];
}
export interface CriterionEvalV {
  definitionId?: string;
  score?: number;
  annotations: AnnotationV[];
}
export interface RubricEvalV {
  criteria: CriterionEvalV[];
  annotations: AnnotationV[];
  totalScore?: number;
  percentage?: number;
}
export interface CriterionDefV {
  id?: string;
  criterion?: string;
  weight?: number;
  annotations: AnnotationV[];
}
export interface RubricV {
  maxTotalScore?: number;
  criteria: CriterionDefV[];
}

export interface MessageV {
  role?: string;
  sourceId?: string;
  text?: string;
  referenceTexts: ReferenceTextV[];
  attachments: FileV[];
  chunks: ChunkV[];
  reasoning: string[];
  modelParameters?: Rec;
  annotations: AnnotationV[];
  rubricEvaluations: RubricEvalV[];
}

export interface TurnV {
  id?: string;
  messages: MessageV[];
  annotations: AnnotationV[];
  rubrics: RubricV[];
}
export interface SubmissionV {
  at?: string;
  contributor?: string;
}
export interface ThreadV {
  id?: string;
  /** Every turn, read on first use (a 10,000-turn thread is read only when something needs all of it). */
  readonly turns: TurnV[];
  turnCount: number;
  /** Turn `j`, read alone if the whole list was not read yet (what a virtual list needs). */
  turnAt(j: number): TurnV;
  /** The raw turn objects, in the same order (page search, height estimates). */
  rawTurns: Rec[];
  annotations: AnnotationV[];
  submissions: SubmissionV[];
}
export interface NoteV {
  type?: string;
  message?: string;
}

export interface TaskV {
  id?: string;
  status?: string;
  project: Ref;
  batch: Ref;
  createdAt?: string;
  completedAt?: string;
  metadata?: Rec;
  threads: ThreadV[];
  errors: NoteV[];
  reports: NoteV[];
}
