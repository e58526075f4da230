/**
 * The message protocol between the quality report panel (extension host) and its page. Both sides
 * validate every incoming message (validators keyed by message type, as in protocol.ts). The page
 * gets the report's figures, never the task file; what it sends back are filter requests in the
 * `--where` grammar, which the host parses and checks like any typed condition.
 */
import type { TaskFileReport } from '../core/taskfile/reportTypes';
import { isRec, isStringsMessage, validatorFor, type StringsMessage } from './protocol';

/** A filter the page asks for: `--where` conditions (all must hold) and, for a status bar, statuses. */
export interface ReportFilter {
  readonly conditions: readonly string[];
  readonly statuses?: readonly string[];
}

/** What the report covers, for its heading and the "clear" control. */
export interface ReportScope {
  /** The task file's name (not its path: the page needs no more). */
  readonly fileName: string;
  /** Tasks in the file. */
  readonly total: number;
  /** A subset's description ("quality = 3", or the explorer's own label); absent for the whole file. */
  readonly label?: string;
  /** Where the subset came from: a click in the report (clearable here) or the explorer (it clears there). */
  readonly origin?: 'report' | 'explorer';
  /** The key broken down per contributor. */
  readonly contributorKey?: string;
}

export type HostToReport =
  | { type: 'progress'; fraction: number; text: string }
  | { type: 'report'; report: TaskFileReport; scope: ReportScope; ms: number }
  | { type: 'error'; message: string }
  | StringsMessage;

/** A chart as the page drew it, for the Markdown export (validated again by the host before writing). */
export interface ChartExport {
  readonly name: string;
  readonly title: string;
  readonly svg: string;
}

export type ReportToHost =
  | { type: 'ready' }
  | { type: 'filter'; filter: ReportFilter }
  | { type: 'clearFilter' }
  | { type: 'contributorKey'; key: string }
  | { type: 'export'; charts: ChartExport[] }
  | { type: 'cancel' }
  | { type: 'rendered'; ms: number };

const isStringArray = (v: unknown): v is string[] => Array.isArray(v) && v.every((s) => typeof s === 'string');

export function isReportFilter(v: unknown): v is ReportFilter {
  return isRec(v) && isStringArray(v.conditions) && (v.statuses === undefined || isStringArray(v.statuses));
}

function isScope(v: unknown): v is ReportScope {
  return (
    isRec(v) &&
    typeof v.fileName === 'string' &&
    typeof v.total === 'number' &&
    (v.label === undefined || typeof v.label === 'string') &&
    (v.origin === undefined || v.origin === 'report' || v.origin === 'explorer') &&
    (v.contributorKey === undefined || typeof v.contributorKey === 'string')
  );
}

/** The figures' outline; the page renders the rest tolerantly (a missing map reads as empty). */
function isReport(v: unknown): v is TaskFileReport {
  return isRec(v) && typeof v.tasks === 'number' && isRec(v.status) && isRec(v.annotations) && isRec(v.candidates);
}

function isChartExport(v: unknown): v is ChartExport {
  return isRec(v) && typeof v.name === 'string' && typeof v.title === 'string' && typeof v.svg === 'string';
}

const always = (): boolean => true;
const finiteMs = (v: unknown): boolean => typeof v === 'number' && Number.isFinite(v) && v >= 0;

export const isHostToReport = validatorFor<HostToReport>({
  progress: (m) => typeof m.fraction === 'number' && typeof m.text === 'string',
  report: (m) => isReport(m.report) && isScope(m.scope) && finiteMs(m.ms),
  error: (m) => typeof m.message === 'string',
  strings: isStringsMessage,
});

export const isReportToHost = validatorFor<ReportToHost>({
  ready: always,
  cancel: always,
  clearFilter: always,
  filter: (m) => isReportFilter(m.filter),
  contributorKey: (m) => typeof m.key === 'string',
  export: (m) => Array.isArray(m.charts) && m.charts.every(isChartExport),
  rendered: (m) => finiteMs(m.ms),
});
