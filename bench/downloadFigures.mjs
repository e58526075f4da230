// The download rows of the bench table (bench/downloads.mjs): throughput against the plain loop at
// each latency, with the fetch-only loop as the limit, and peak RSS at both sizes and its growth.
import { figure, KB, MB, ms, show, upTo } from './lib/figure.mjs';
import { median, ratio, round } from './lib/stats.mjs';
const perSecond = (s) => s.tasks / (s.ms / 1000);
const mbPerSecond = (s) => s.bytes / MB / (s.ms / 1000);

/** Download targets: against the plain loop at each latency; memory flat and small at both sizes. */
const DOWNLOAD_TARGETS = { 0: 2, 20: 1.1 };
const RSS_LIMIT_MB = 100;

export function downloadFigures(dl, bigSize, smallSize) {
  if (dl.error) return [figure({ id: 'download', name: 'Downloads', unit: '', runs: [], note: dl.error.split('\n')[0] })];
  const rows = [];
  const spread = (runs) => {
    const xs = runs.filter((v) => typeof v === 'number').sort((a, b) => a - b);
    return xs.length ? `${Math.round(xs[0]).toLocaleString('en-US')}–${Math.round(xs.at(-1)).toLocaleString('en-US')}` : '—';
  };
  for (const [latency, { cli, plain, raw }] of Object.entries(dl.throughput)) {
    const want = DOWNLOAD_TARGETS[latency] ?? 1;
    const f = figure({
      id: `download${latency}ms`,
      name: `Download ${bigSize.toLocaleString('en-US')} tasks, ${latency} ms latency/page`,
      unit: 'tasks/s',
      runs: cli.map(perSecond),
      baseline: { name: 'plain loop (fetch, parse, stringify, write)', runs: plain.map(perSecond) },
      target: `≥ ${want}× plain`,
    });
    f.met = f.ratio !== null && f.ratio >= want;
    f.mbPerSecond = { value: median(cli.map(mbPerSecond)), baseline: median(plain.map(mbPerSecond)) };
    const limit = median(raw.map(perSecond));
    const cpu = (runs) => ms(median(runs.map((s) => s.cpuMs / (s.tasks / 1000))));
    f.limit = { name: 'fetch-only loop', value: limit, ratio: ratio(f.value, limit) };
    f.note = `spread (tasks/s): CLI ${spread(cli.map(perSecond))}, plain ${spread(plain.map(perSecond))}, fetch-only ${spread(raw.map(perSecond))}; the limit (fetch-only loop) is ${show(limit, 'tasks/s')}, the CLI reaches ${round(f.limit.ratio ?? 0, 2)}× of it; CPU time per 1,000 tasks: CLI ${cpu(cli)}, plain ${cpu(plain)}, fetch-only ${cpu(raw)}; wall ${ms(median(cli.map((s) => s.ms)))} vs ${ms(median(plain.map((s) => s.ms)))} vs ${ms(median(raw.map((s) => s.ms)))}`;
    rows.push(f);
  }
  const rss = (runs) => runs.map((s) => s.rssKb / KB);
  const big = dl.throughput[0] ?? Object.values(dl.throughput)[0];
  const smallF = figure({
    id: 'rssSmall',
    name: `Peak RSS, download of ${smallSize.toLocaleString('en-US')} tasks`,
    unit: 'MB',
    runs: rss(dl.small.cli),
    baseline: { name: 'plain loop, same size', runs: rss(dl.small.plain) },
    target: `≤ ${RSS_LIMIT_MB} MB`,
    note: `fetch-only loop ${show(median(rss(dl.small.raw)), 'MB')}`,
  });
  smallF.met = upTo(RSS_LIMIT_MB)(smallF.value);
  const bigF = figure({
    id: 'rssBig',
    name: `Peak RSS, download of ${bigSize.toLocaleString('en-US')} tasks`,
    unit: 'MB',
    runs: rss(big.cli),
    baseline: { name: 'plain loop, same size', runs: rss(big.plain) },
    target: `≤ ${RSS_LIMIT_MB} MB`,
    note: `fetch-only loop ${show(median(rss(big.raw)), 'MB')}`,
  });
  bigF.met = upTo(RSS_LIMIT_MB)(bigF.value);
  const growth = figure({
    id: 'rssGrowth',
    name: `Peak RSS growth, ${smallSize.toLocaleString('en-US')} → ${bigSize.toLocaleString('en-US')} tasks`,
    unit: '×',
    runs: [ratio(bigF.value, smallF.value)],
    baseline: { name: 'plain loop growth', runs: [ratio(bigF.baseline.value, smallF.baseline.value)] },
    target: '≤ 1.10×',
  });
  growth.met = upTo(1.1)(growth.value);
  return [...rows, smallF, bigF, growth];
}
