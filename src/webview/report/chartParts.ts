/**
 * What every report chart shares: the SVG root (sized, titled, labelled), the layout constants,
 * label shortening, filter marks, axis classes and the number texts (see charts.ts for the CSP rule).
 */
import { select, type Selection } from 'd3-selection';
import type { ReportFilter } from '../../shared/reportProtocol';
import { currentDocument } from '../shell/dom';

const MAX_LABEL = 24;

export type Svg = Selection<SVGSVGElement, unknown, null, undefined>;

export const WIDTH = 560;
export const ROW = 22;
export const MARGIN = { top: 8, right: 56, bottom: 28, left: 150 };

export function svgRoot(title: string, height: number): Svg {
  const holder = currentDocument().createElement('div');
  const svg = select(holder)
    .append('svg')
    .attr('xmlns', 'http://www.w3.org/2000/svg')
    .attr('class', 'chart-svg')
    .attr('viewBox', `0 0 ${WIDTH} ${height}`)
    .attr('width', WIDTH)
    .attr('height', height)
    .attr('role', 'img')
    .attr('aria-label', title);
  svg.append('title').text(title);
  return svg;
}

export function shorten(label: string): string {
  return label.length > MAX_LABEL ? `${label.slice(0, MAX_LABEL - 1)}…` : label;
}

/** Marks that filter: focusable, labelled, with their conditions for the click handler. */
export function markFilter(el: SVGElement, label: string, filter: ReportFilter | undefined): void {
  el.setAttribute('aria-label', label);
  if (!filter) return;
  el.setAttribute('class', `${el.getAttribute('class') ?? ''} clickable`.trim());
  el.setAttribute('tabindex', '0');
  el.setAttribute('role', 'button');
  el.setAttribute('data-filter', JSON.stringify(filter));
}

export function styleAxis(g: Selection<SVGGElement, unknown, null, undefined>): void {
  // d3-axis sets font-size / font-family presentation attributes; the sheet overrides them.
  g.attr('class', `${g.attr('class') ?? ''} axis`.trim());
}

export function percentText(rate: number): string {
  return `${(rate * 100).toFixed(1)}%`;
}

export function roundTo(n: number): string {
  return Number.isInteger(n) ? String(n) : n.toFixed(2);
}
