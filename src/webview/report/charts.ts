/**
 * The report's charts, drawn as SVG with d3 (scales and axes from the library, no hand-made axis
 * code). Under the page's CSP nothing here may write a `style` attribute or a `<style>` element:
 * every look comes from classes in media/css/report.css (VS Code theme variables), and d3 only sets
 * SVG presentation attributes (x, y, width, fill-opacity, transform…). A mark that filters carries
 * its conditions in `data-*` attributes; report view code turns a click on it into a message.
 */
import { axisBottom, axisLeft } from 'd3-axis';
import { scaleBand, scaleLinear } from 'd3-scale';
import type { ReportFilter } from '../../shared/reportProtocol';
import { markFilter, MARGIN, roundTo, ROW, shorten, styleAxis, svgRoot, WIDTH } from './chartParts';
import { rt } from './strings';

export interface Bar {
  readonly label: string;
  readonly value: number;
  /** Shown instead of the value in the mark's label (e.g. "61.2%"). */
  readonly text?: string;
  readonly filter?: ReportFilter;
}

export interface Segment {
  readonly name: string;
  readonly value: number;
  readonly filter?: ReportFilter;
}

export interface StackRow {
  readonly label: string;
  readonly segments: readonly Segment[];
}

export interface Bin {
  /** Inclusive lower and exclusive upper bound. */
  readonly lo: number;
  readonly hi: number;
  readonly count: number;
  readonly filter?: ReportFilter;
}

/** Horizontal bars, one per label, on a linear value axis (counts, rates, means). */
export function barChart(title: string, bars: readonly Bar[], options: { max?: number; percent?: boolean } = {}): SVGSVGElement {
  const height = MARGIN.top + MARGIN.bottom + Math.max(1, bars.length) * ROW;
  const svg = svgRoot(title, height);
  const y = scaleBand<string>()
    .domain(bars.map((_, i) => String(i)))
    .range([MARGIN.top, height - MARGIN.bottom])
    .padding(0.2);
  const max = options.max ?? Math.max(1, ...bars.map((b) => b.value));
  const x = scaleLinear()
    .domain([0, max])
    .range([MARGIN.left, WIDTH - MARGIN.right])
    .nice();
  const plot = svg.append('g').attr('class', 'marks');
  bars.forEach((bar, i) => {
    const band = String(i);
    const rect = plot
      .append('rect')
      .attr('class', 'bar')
      .attr('x', x(0))
      .attr('y', y(band) ?? 0)
      .attr('width', Math.max(0, x(bar.value) - x(0)))
      .attr('height', y.bandwidth());
    markFilter(rect.node() as SVGElement, `${bar.label}: ${bar.text ?? bar.value}`, bar.filter);
    plot
      .append('text')
      .attr('class', 'value-label')
      .attr('x', x(bar.value) + 4)
      .attr('y', (y(band) ?? 0) + y.bandwidth() / 2)
      .attr('dy', '0.35em')
      .text(bar.text ?? String(bar.value));
  });
  const xAxis = axisBottom(x).ticks(5);
  if (options.percent) xAxis.tickFormat((v) => `${Math.round(Number(v) * 100)}%`);
  styleAxis(
    svg
      .append('g')
      .attr('transform', `translate(0,${height - MARGIN.bottom})`)
      .call(xAxis),
  );
  styleAxis(
    svg
      .append('g')
      .attr('transform', `translate(${MARGIN.left},0)`)
      .call(axisLeft(y).tickFormat((i) => shorten(bars[Number(i)]?.label ?? ''))),
  );
  return svg.node() as SVGSVGElement;
}

/** A histogram of numbers on a linear axis with a marker at the mean. */
export function histogram(title: string, bins: readonly Bin[], mean: number | null | undefined): SVGSVGElement {
  const height = 200;
  const left = 56;
  const svg = svgRoot(title, height);
  const lo = Math.min(...bins.map((b) => b.lo));
  const hi = Math.max(...bins.map((b) => b.hi));
  const x = scaleLinear()
    .domain([lo, hi])
    .range([left, WIDTH - MARGIN.right]);
  const y = scaleLinear()
    .domain([0, Math.max(1, ...bins.map((b) => b.count))])
    .range([height - MARGIN.bottom, MARGIN.top + 14])
    .nice();
  const plot = svg.append('g').attr('class', 'marks');
  for (const bin of bins) {
    const rect = plot
      .append('rect')
      .attr('class', 'bar')
      .attr('x', x(bin.lo) + 1)
      .attr('y', y(bin.count))
      .attr('width', Math.max(1, x(bin.hi) - x(bin.lo) - 2))
      .attr('height', Math.max(0, y(0) - y(bin.count)));
    markFilter(rect.node() as SVGElement, `${binLabel(bin)}: ${bin.count}`, bin.filter);
  }
  const integerBins = bins.every((b) => b.hi - b.lo === 1 && Number.isInteger(b.lo));
  const xAxis = integerBins
    ? axisBottom(x)
        .tickValues(bins.map((b) => b.lo + 0.5))
        .tickFormat((v) => String(Number(v) - 0.5))
    : axisBottom(x).ticks(8);
  styleAxis(
    svg
      .append('g')
      .attr('transform', `translate(0,${height - MARGIN.bottom})`)
      .call(xAxis),
  );
  styleAxis(svg.append('g').attr('transform', `translate(${left},0)`).call(axisLeft(y).ticks(4)));
  if (typeof mean === 'number') {
    // Integer bins are drawn [v, v + 1): the value v sits at the middle of its bar.
    const at = x(integerBins ? mean + 0.5 : mean);
    svg
      .append('line')
      .attr('class', 'mean')
      .attr('x1', at)
      .attr('x2', at)
      .attr('y1', MARGIN.top + 12)
      .attr('y2', height - MARGIN.bottom);
    svg
      .append('text')
      .attr('class', 'mean-label')
      .attr('x', at)
      .attr('y', MARGIN.top + 8)
      .attr('text-anchor', 'middle')
      .text(rt('meanMark', roundTo(mean)));
  }
  return svg.node() as SVGSVGElement;
}

/** Horizontal stacked bars: one row per label, one coloured segment per series (class seg-N). */
export function stackedChart(title: string, rows: readonly StackRow[], series: readonly string[]): SVGSVGElement {
  const legendRows = Math.ceil(series.length / 4);
  const height = MARGIN.top + MARGIN.bottom + Math.max(1, rows.length) * ROW + legendRows * 16 + 12;
  const svg = svgRoot(title, height);
  const bottom = height - MARGIN.bottom - legendRows * 16 - 12;
  const y = scaleBand<string>()
    .domain(rows.map((_, i) => String(i)))
    .range([MARGIN.top, bottom])
    .padding(0.2);
  const x = scaleLinear()
    .domain([0, Math.max(1, ...rows.map((r) => r.segments.reduce((s, seg) => s + seg.value, 0)))])
    .range([MARGIN.left, WIDTH - MARGIN.right])
    .nice();
  const plot = svg.append('g').attr('class', 'marks');
  rows.forEach((row, i) => {
    let start = 0;
    for (const seg of row.segments) {
      const n = series.indexOf(seg.name);
      const rect = plot
        .append('rect')
        .attr('class', `bar seg-${n % 8}`)
        .attr('x', x(start))
        .attr('y', y(String(i)) ?? 0)
        .attr('width', Math.max(0, x(start + seg.value) - x(start)))
        .attr('height', y.bandwidth());
      markFilter(rect.node() as SVGElement, `${row.label}, ${seg.name}: ${seg.value}`, seg.filter);
      start += seg.value;
    }
  });
  styleAxis(svg.append('g').attr('transform', `translate(0,${bottom})`).call(axisBottom(x).ticks(5)));
  styleAxis(
    svg
      .append('g')
      .attr('transform', `translate(${MARGIN.left},0)`)
      .call(axisLeft(y).tickFormat((i) => shorten(rows[Number(i)]?.label ?? ''))),
  );
  const legend = svg.append('g').attr('class', 'legend');
  series.forEach((name, n) => {
    const lx = MARGIN.left + (n % 4) * 100;
    const ly = bottom + 36 + Math.floor(n / 4) * 16;
    legend
      .append('rect')
      .attr('class', `bar seg-${n % 8}`)
      .attr('x', lx)
      .attr('y', ly - 9)
      .attr('width', 10)
      .attr('height', 10);
    legend
      .append('text')
      .attr('x', lx + 14)
      .attr('y', ly)
      .text(shorten(name).slice(0, 14));
  });
  return svg.node() as SVGSVGElement;
}

export function binLabel(bin: Bin): string {
  return bin.hi - bin.lo === 1 && Number.isInteger(bin.lo) ? String(bin.lo) : `${roundTo(bin.lo)} – ${roundTo(bin.hi)}`;
}
