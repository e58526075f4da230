/**
 * The report exported for a review document or a pull request: a folder holding `report.md` (the
 * Markdown tables of reportMarkdown.ts, then each chart as an image) and one SVG file per chart.
 * The folder appears whole or not at all (AtomicOutput), and a re-export replaces an earlier one
 * only when that folder holds nothing but such files. The SVGs are drawn by the report page;
 * they are checked here before anything is written, because a page is not trusted to be benign.
 */
import { writeFile } from 'node:fs/promises';
import * as path from 'node:path';
import { AtomicOutput } from '../export/atomicOutput';
import { reportToMarkdown } from './reportMarkdown';
import type { TaskFileReport } from './reportTypes';

export interface ChartFile {
  /** File-name-safe: lowercase letters, digits and dashes. */
  readonly name: string;
  readonly title: string;
  readonly svg: string;
}

const NAME_RE = /^[a-z0-9][a-z0-9-]{0,79}$/;
const MAX_SVG_BYTES = 4_000_000;
const MAX_CHARTS = 500;
/**
 * Anything that could run, load or expand: a chart has only shapes, text and its sheet. Tags are
 * checked apart from text, so a stranger's label ("done = yes") cannot trip the check, and the
 * serializer escapes quotes inside attribute values, so a label cannot fake an attribute either.
 */
const FORBIDDEN_TAG_RE =
  /^<\/?(script|foreignobject|iframe|object|embed|image|use|a|animate|set)\b|\son[a-z]+\s*=|\s(xlink:)?href\s*=|url\s*\(/i;
const FORBIDDEN_MARKUP_RE = /<!doctype|<!entity|<!\[cdata|<\?/i;
const FORBIDDEN_SHEET_RE = /url\s*\(|@import|expression\s*\(/i;

export const REPORT_FILE = 'report.md';

/** Why a chart cannot be written, or undefined when it can. */
export function chartProblem(chart: ChartFile): string | undefined {
  if (!NAME_RE.test(chart.name)) return `the chart name “${chart.name.slice(0, 40)}” is not a safe file name`;
  if (!chart.svg.startsWith('<svg')) return `the chart ${chart.name} is not an SVG image`;
  if (Buffer.byteLength(chart.svg) > MAX_SVG_BYTES) return `the chart ${chart.name} is too large`;
  const tags = chart.svg.match(/<[^>]*>?/g) ?? [];
  const sheets = chart.svg.match(/<style[^>]*>[^<]*<\/style>/gi) ?? [];
  if (FORBIDDEN_MARKUP_RE.test(chart.svg) || tags.some((t) => FORBIDDEN_TAG_RE.test(t)) || sheets.some((t) => FORBIDDEN_SHEET_RE.test(t)))
    return `the chart ${chart.name} holds active content`;
  return undefined;
}

export function reportMarkdownWithCharts(report: TaskFileReport, title: string, charts: readonly ChartFile[]): string {
  const body = reportToMarkdown(report, title).trimEnd();
  if (charts.length === 0) return `${body}\n`;
  const images = charts.map((c) => `### ${mdText(c.title)}\n\n![${mdText(c.title)}](${c.name}.svg)\n`);
  return `${body}\n\n## Charts\n\n${images.join('\n')}`;
}

/**
 * Writes `<parent>/<folderName>/report.md` and the charts' SVG files. Resolves with the folder's
 * path. Throws (writing nothing) when a chart fails its check or names repeat.
 */
export async function writeReportExport(
  parent: string,
  folderName: string,
  report: TaskFileReport,
  title: string,
  charts: readonly ChartFile[],
  sourceFile: string,
): Promise<{ folder: string; files: string[] }> {
  if (charts.length > MAX_CHARTS) throw new Error(`The report has too many charts (${charts.length}) to export.`);
  const names = new Set<string>();
  for (const chart of charts) {
    const problem = chartProblem(chart);
    if (problem) throw new Error(`Cannot export the report: ${problem}.`);
    if (names.has(chart.name)) throw new Error(`Cannot export the report: two charts are named ${chart.name}.`);
    names.add(chart.name);
  }
  const ours = (entry: string): boolean => entry === REPORT_FILE || /^[a-z0-9][a-z0-9-]*\.svg$/.test(entry);
  const out = await AtomicOutput.prepare('folder', path.join(parent, folderName), sourceFile, ours);
  try {
    const files: string[] = [];
    for (const chart of charts) {
      await writeFile(path.join(out.tempPath, `${chart.name}.svg`), chart.svg, 'utf8');
      files.push(`${chart.name}.svg`);
    }
    await writeFile(path.join(out.tempPath, REPORT_FILE), reportMarkdownWithCharts(report, title, charts), 'utf8');
    files.push(REPORT_FILE);
    await out.commit();
    return { folder: out.finalPath, files };
  } catch (error) {
    await out.discard();
    throw error;
  }
}

/** Text for a Markdown heading or image alt: no brackets, pipes or line breaks from strangers. */
function mdText(text: string): string {
  return text.replace(/[[\]|\\<>]/g, ' ').replace(/[\r\n]+/g, ' ');
}
