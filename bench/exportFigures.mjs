// The export rows of the bench table (bench/exports.mjs): peak RSS of every format against the
// issue's 150 MB, and each export's time against the parse-only loop over the same file.
import { figure, KB, MB, show, upTo } from './lib/figure.mjs';
import { median } from './lib/stats.mjs';

const RSS_LIMIT_MB = 150;

const spread = (values, unit) => {
  const xs = values.filter((v) => typeof v === 'number').sort((a, b) => a - b);
  return xs.length ? `${show(xs[0], unit)}–${show(xs.at(-1), unit)}` : '—';
};

export function exportFigures(ex, size) {
  if (!ex) return [];
  if (ex.error) return [figure({ id: 'export', name: 'Exports', unit: '', runs: [], note: ex.error.split('\n')[0] })];
  const tasks = size.toLocaleString('en-US');
  const rows = [];
  const parseRss = ex.parse.map((s) => s.rssKb / KB);
  const parseMb = median(ex.parse.map((s) => s.bytes / MB / (s.ms / 1000)));
  for (const format of Object.keys(ex).filter((k) => Array.isArray(ex[k]) && k !== 'parse')) {
    const runs = ex[format];
    const rss = figure({
      id: `exportRss-${format}`,
      name: `Peak RSS, export of ${tasks} tasks to ${format}`,
      unit: 'MB',
      runs: runs.map((s) => s.rssKb / KB),
      baseline: { name: 'parse-only loop, same file', runs: parseRss },
      target: `≤ ${RSS_LIMIT_MB} MB`,
      note: `spread ${spread(
        runs.map((s) => s.rssKb / KB),
        'MB',
      )}; input ${show(ex.fileBytes / MB, 'MB')}`,
    });
    rss.met = upTo(RSS_LIMIT_MB)(rss.value);
    const time = figure({
      id: `exportTime-${format}`,
      name: `Export of ${tasks} tasks to ${format}`,
      unit: 'ms',
      runs: runs.map((s) => s.ms),
      baseline: { name: 'parse-only loop (read, JSON.parse each line)', runs: ex.parse.map((s) => s.ms) },
      note: `spread ${spread(
        runs.map((s) => s.ms),
        'ms',
      )}; CPU ${show(median(runs.map((s) => s.cpuMs)), 'ms')}; ${show(ex.fileBytes / MB / (median(runs.map((s) => s.ms)) / 1000), 'MB/s')} vs the parse loop's ${show(parseMb, 'MB/s')}`,
    });
    rows.push(time, rss);
  }
  return rows;
}
