/**
 * Task file → SFT / DPO JSONL, Parquet tables, a Hugging Face datasets folder (exports.md).
 * An editor "Export…" command calls `runExport` with an AbortSignal and an `onProgress` callback,
 * then shows `describeSkipped(result.counts.skipped)`.
 */
export {
  runExport,
  EXPORT_FORMATS,
  type ExportFormat,
  type ExportOptions,
  type ExportProgress,
  type ExportResult,
  type TaskCondition,
} from './run';
export { ExportOutputError } from './atomicOutput';
export { PAIR_MODES, dpoRecords, type DpoRecord, type PairMode } from './dpo';
export { sftRecords, type SftRecord } from './sft';
export { planThread, preferredSource, type AppliedRanking, type TurnPlan } from './preferred';
export { describeSkipped, SKIP_REASONS, SKIP_REASON_LABELS, type ExportCounts, type SkipCounts, type SkipReason } from './summary';
export type { RecordShape } from './sink';
