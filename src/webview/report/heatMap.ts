/** The report's head-to-head chart (candidates against each other), drawn like the others (charts.ts). */
import { axisBottom, axisLeft } from 'd3-axis';
import { scaleBand } from 'd3-scale';
import { markFilter, MARGIN, percentText, shorten, styleAxis, svgRoot, WIDTH } from './chartParts';
import { rt } from './strings';

/** The head-to-head matrix: row's win rate against column; above 50% one hue, below the other. */
export function heatMap(title: string, names: readonly string[], rate: (a: string, b: string) => number | null): SVGSVGElement {
  const left = MARGIN.left;
  const cell = Math.max(12, Math.min(40, Math.floor((WIDTH - left - 8) / Math.max(1, names.length))));
  const top = 8;
  const size = names.length * cell;
  const height = top + size + 70;
  const svg = svgRoot(title, height);
  const keys = names.map((_, i) => String(i));
  const x = scaleBand<string>()
    .domain(keys)
    .range([left, left + size]);
  const y = scaleBand<string>()
    .domain(keys)
    .range([top, top + size]);
  const plot = svg.append('g').attr('class', 'marks');
  names.forEach((a, i) =>
    names.forEach((b, j) => {
      const r = a === b ? null : rate(a, b);
      const kind = r === null ? 'none' : r >= 0.5 ? 'win' : 'loss';
      const rect = plot
        .append('rect')
        .attr('class', `cell cell-${kind}`)
        .attr('x', x(String(j)) ?? 0)
        .attr('y', y(String(i)) ?? 0)
        .attr('width', x.bandwidth() - 1)
        .attr('height', y.bandwidth() - 1);
      if (r !== null) rect.attr('fill-opacity', (0.15 + Math.abs(r - 0.5) * 1.7).toFixed(2));
      markFilter(rect.node() as SVGElement, rt('againstRate', a, b, r === null ? rt('noComparisons') : percentText(r)), undefined);
      plot
        .append('text')
        .attr('class', 'cell-label')
        .attr('x', (x(String(j)) ?? 0) + x.bandwidth() / 2)
        .attr('y', (y(String(i)) ?? 0) + y.bandwidth() / 2)
        .attr('dy', '0.35em')
        .attr('text-anchor', 'middle')
        .text(r === null ? '—' : percentText(r));
    }),
  );
  styleAxis(
    svg
      .append('g')
      .attr('transform', `translate(${left},0)`)
      .call(axisLeft(y).tickFormat((i) => shorten(names[Number(i)] ?? ''))),
  );
  const columns = svg
    .append('g')
    .attr('transform', `translate(0,${top + size})`)
    .call(axisBottom(x).tickFormat((i) => shorten(names[Number(i)] ?? '').slice(0, 14)));
  // Column names slanted, so long names do not run into each other.
  columns.selectAll('.tick text').attr('transform', 'rotate(-35)').attr('text-anchor', 'end').attr('dx', '-0.4em').attr('dy', '0.6em');
  styleAxis(columns);
  return svg.node() as SVGSVGElement;
}
