/**
 * A chart as a standalone SVG file for the Markdown export. On the page the colours come from the
 * theme's CSS variables; a file read on GitHub or in a review tool has no such variables, so the
 * export carries its own small sheet with mid-tone colours that read on light and dark pages.
 * (A `<style>` inside an SVG file is fine: it is the page's CSP that forbids one, not the file.)
 */
import type { ChartExport } from '../../shared/reportProtocol';

const PALETTE = ['#3794ff', '#e5a00d', '#d16d9e', '#4caf50', '#b180d7', '#f48771', '#26a69a', '#8d8d8d'];

export const EXPORT_SHEET = [
  'svg{font-family:-apple-system,"Segoe UI",Helvetica,Arial,sans-serif;font-size:11px;color:#808080}',
  'text{fill:#808080}',
  '.bar{fill:#3794ff}',
  ...PALETTE.map((c, i) => `.seg-${i}{fill:${c}}`),
  '.mean{stroke:#e5484d;stroke-width:2;stroke-dasharray:4 3}',
  '.mean-label{fill:#e5484d}',
  '.cell-win{fill:#4caf50}',
  '.cell-loss{fill:#e5484d}',
  '.cell-none{fill:#808080;fill-opacity:0.15}',
  '.axis path,.axis line{stroke:#808080}',
].join('');

export function chartExports(root: ParentNode, serialize: (node: Node) => string): ChartExport[] {
  const out: ChartExport[] = [];
  for (const svg of Array.from(root.querySelectorAll('svg[data-chart-name]'))) {
    const clone = svg.cloneNode(true) as SVGSVGElement;
    for (const el of Array.from(clone.querySelectorAll('[tabindex],[data-filter],[role="button"]'))) {
      el.removeAttribute('tabindex');
      el.removeAttribute('data-filter');
      el.removeAttribute('role');
    }
    const name = svg.getAttribute('data-chart-name') ?? 'chart';
    clone.removeAttribute('data-chart-name');
    const text = serialize(clone);
    // The sheet goes in as text right after the opening tag: no <style> element is ever created in the page.
    const at = text.indexOf('>') + 1;
    const svgText = `${text.slice(0, at)}<style>${EXPORT_SHEET}</style>${text.slice(at)}`;
    out.push({ name, title: svg.querySelector('title')?.textContent ?? name, svg: svgText });
  }
  return out;
}
