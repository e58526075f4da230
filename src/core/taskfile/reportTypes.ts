/** The quality report's JSON shape (explorer.md, "The quality report"); `--format json` prints it as is. */

/** Counts, and for numbers their mean / min / max (null when nothing was counted). */
export interface Distribution {
  count: number;
  mean: number | null;
  min: number | null;
  max: number | null;
  /** Value (as a string) → how many times. */
  values: Record<string, number>;
}

export interface KeyFigures {
  /** The type most annotations with this key have. */
  type: string;
  /** Only when the key appears with more than one type. */
  types?: string[];
  /** Tasks with at least one annotation of this key (coverage). */
  tasks: number;
  /** Annotations with a value and not marked not_applicable or cannot_assess. */
  count: number;
  /** For integer, boolean, category and category_multiple (each chosen value). */
  values?: Record<string, number>;
  /** For integer and rubric_rating (its score). */
  mean?: number | null;
  min?: number | null;
  max?: number | null;
  notApplicable: number;
  cannotAssess: number;
}

export interface CandidateFigures {
  /** Ranking annotations that put the candidate first (every member of a tied first group). */
  first: number;
  wins: number;
  ties: number;
  losses: number;
  /** Pairs the candidate was in, ties included. */
  comparisons: number;
  /** (wins + ties / 2) / comparisons; null without comparisons. */
  winRate: number | null;
}

export interface HeadToHead {
  wins: number;
  ties: number;
  losses: number;
  comparisons: number;
  winRate: number | null;
}

export interface CriterionFigures {
  /** The criterion text from the rubric definition, when the file has one. */
  criterion?: string;
  count: number;
  mean: number | null;
  /** Evaluations that scored exactly 0. */
  zeros: number;
}

export interface TaskFileReport {
  tasks: number;
  unreadableLines: number;
  status: Record<string, number>;
  tasksWithErrors: number;
  tasksWithSensitiveReports: number;
  annotations: Record<string, KeyFigures>;
  candidates: Record<string, CandidateFigures>;
  /** headToHead[a][b]: how a did against b. */
  headToHead: Record<string, Record<string, HeadToHead>>;
  /** candidateMeans[source_id][key]: mean of that integer annotation on the candidate's messages. */
  candidateMeans: Record<string, Record<string, { count: number; mean: number }>>;
  rubrics: {
    criteria: Record<string, CriterionFigures>;
    totalScore: Distribution;
    percentage: Distribution;
  };
  annotators: {
    /** Submissions per contributor_id. */
    submissions: Record<string, number>;
    /** The key asked for with `--key`, if any. */
    key?: string;
    /** contributor → value → count, for annotations of `key` in threads the contributor submitted. */
    values?: Record<string, Record<string, number>>;
  };
}
