/**
 * A task file on disk: streaming index, query conditions, report figures. What the CLI and the
 * explorer import; see each module for the reasons behind its shape.
 */
export { indexTaskFile, readLineAt, readTaskAt, type IndexFileOptions } from './indexFile';
export {
  forEachJsonObject,
  forEachLine,
  parseObjectLine,
  type LinePlace,
  type ReadLinesOptions,
  type UnreadableReason,
} from './lineReader';
export { TaskIndex, type AnnotationKeyInfo, type TaskEntry, type UnreadableLine } from './taskIndex';
export {
  CONDITION_GRAMMAR,
  ConditionSyntaxError,
  formatCondition,
  parseCondition,
  type Condition,
  type Operator,
  type TaskQuery,
} from './conditions';
export { compileQuery, filterRows, type CompiledQuery, type CompileOptions } from './matcher';
export { searchTaskFile, taskMentions } from './search';
export { buildReport, type ReportOptions } from './report';
export type * from './reportTypes';
export { reportToMarkdown } from './reportMarkdown';
export { annotationCell, FIXED_COLUMNS, sortKey, sortRows, type AnnotationCellValue, type ColumnId, type FixedColumn } from './rowColumns';
