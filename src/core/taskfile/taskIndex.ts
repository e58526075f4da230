/**
 * The index of a task file: one row per readable task line, stored column by column. Rows keep
 * the line's place (offset, length, line number) and the explorer's derived columns; every
 * annotation of every level is kept as a compact record (see annotationFacts.ts) so that filters
 * and the report run over the index alone, without reading the file again. Message texts are not
 * kept (they are most of the file); `--search` over an index needs one more pass (search.ts).
 */
import { GrowableArray, StringPool } from './columns';

export interface TaskEntry {
  readonly offset: number;
  readonly length: number;
  readonly lineNumber: number;
}

export interface UnreadableLine {
  readonly lineNumber: number;
  readonly reason: string;
}

export const TASK_HAS_ERRORS = 1;
export const TASK_HAS_SENSITIVE = 2;

const u32 = (): GrowableArray<Uint32Array> => new GrowableArray(Uint32Array);
const f64 = (): GrowableArray<Float64Array> => new GrowableArray(Float64Array);
const u8 = (): GrowableArray<Uint8Array> => new GrowableArray(Uint8Array);
const u16 = (): GrowableArray<Uint16Array> => new GrowableArray(Uint16Array);

/** Per-task columns. String columns hold StringPool ids (0 = absent). */
export class TaskColumns {
  readonly offset = f64(); // Float64: files may pass 4 GiB.
  readonly length = u32();
  readonly line = u32();
  readonly id = u32();
  readonly status = u32();
  readonly batch = u32();
  readonly completedAt = u32();
  readonly turns = u32();
  readonly messages = u32();
  readonly candidateStart = u32();
  readonly candidateCount = u32();
  readonly preferred = u32();
  readonly flags = u8();
  /** First annotation of the row; the row's annotations end where the next row's begin. */
  readonly annotationStart = u32();
}

/** Per-annotation columns, in task order (a row's annotations are contiguous). */
export class AnnotationColumns {
  readonly task = u32();
  readonly key = u32();
  readonly type = u32();
  readonly flags = u8();
  readonly num = f64();
  readonly str = u32();
  readonly listStart = u32();
  readonly listCount = u32();
  readonly level = u8();
  readonly thread = u16();
  /** The owning message's source_id, for message-level and deeper annotations. */
  readonly source = u32();
}

/** Lists (category_multiple choices, ranking groups, a row's candidates) share one pool. */
export class ListColumns {
  readonly item = u32();
  readonly group = u16();
}

/** Rubric figures that are not annotations. */
export class RubricColumns {
  readonly criterionTask = u32();
  readonly criterionId = u32();
  readonly criterionScore = f64();
  readonly evaluationTask = u32();
  readonly evaluationTotal = f64();
  readonly evaluationPercentage = f64();
}

export class SubmissionColumns {
  readonly task = u32();
  readonly thread = u16();
  readonly contributor = u32();
}

export interface AnnotationKeyInfo {
  readonly key: string;
  /** The type most annotations with this key have. */
  readonly type: string;
  /** Every type seen with this key, most frequent first. */
  readonly types: readonly string[];
}

export class TaskIndex {
  readonly strings = new StringPool();
  readonly tasks = new TaskColumns();
  readonly annotations = new AnnotationColumns();
  readonly lists = new ListColumns();
  readonly rubrics = new RubricColumns();
  readonly submissions = new SubmissionColumns();
  /** criterion_definition_id → criterion text, from the rubric definitions seen. */
  readonly criterionNames = new Map<string, string>();
  /** key id → type id → annotations. */
  readonly keyTypes = new Map<number, Map<number, number>>();
  readonly unreadable: UnreadableLine[] = [];
  fileBytes = 0;

  get size(): number {
    return this.tasks.offset.length;
  }

  entry(row: number): TaskEntry {
    const t = this.tasks;
    return { offset: t.offset.get(row), length: t.length.get(row), lineNumber: t.line.get(row) };
  }

  taskId(row: number): string {
    return this.strings.get(this.tasks.id.get(row));
  }
  status(row: number): string {
    return this.strings.get(this.tasks.status.get(row));
  }
  batch(row: number): string {
    return this.strings.get(this.tasks.batch.get(row));
  }
  completedAt(row: number): string {
    return this.strings.get(this.tasks.completedAt.get(row));
  }
  turns(row: number): number {
    return this.tasks.turns.get(row);
  }
  messages(row: number): number {
    return this.tasks.messages.get(row);
  }
  candidates(row: number): string[] {
    return this.listStrings(this.tasks.candidateStart.get(row), this.tasks.candidateCount.get(row));
  }
  /** Members of the first group of the task's first ranking, joined with " = " when tied. */
  preferred(row: number): string {
    return this.strings.get(this.tasks.preferred.get(row));
  }
  hasErrors(row: number): boolean {
    return (this.tasks.flags.get(row) & TASK_HAS_ERRORS) !== 0;
  }
  hasSensitiveReports(row: number): boolean {
    return (this.tasks.flags.get(row) & TASK_HAS_SENSITIVE) !== 0;
  }

  /** The row's annotations: indexes [start, end) into `annotations`. */
  annotationRange(row: number): [number, number] {
    const start = this.tasks.annotationStart.get(row);
    const end = row + 1 < this.size ? this.tasks.annotationStart.get(row + 1) : this.annotations.task.length;
    return [start, end];
  }

  listStrings(start: number, count: number): string[] {
    const out: string[] = [];
    for (let i = start; i < start + count; i++) out.push(this.strings.get(this.lists.item.get(i)));
    return out;
  }

  /** Every annotation key in the file with its type, in first-seen order. */
  annotationKeys(): AnnotationKeyInfo[] {
    const out: AnnotationKeyInfo[] = [];
    for (const [keyId, types] of this.keyTypes) {
      const ranked = [...types.entries()].sort((a, b) => b[1] - a[1]).map(([typeId]) => this.strings.get(typeId));
      out.push({ key: this.strings.get(keyId), type: ranked[0] ?? '', types: ranked });
    }
    return out;
  }

  hasKey(key: string): boolean {
    const id = this.strings.lookup(key);
    return id !== undefined && this.keyTypes.has(id);
  }
}
