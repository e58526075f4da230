import MarkdownIt from 'markdown-it';

/** Markdown the way a hover reads it (raw HTML off, bare URLs linked), for checking tooltips. */
const md = new MarkdownIt({ html: false, linkify: true });

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', '#39': "'" };

/** A tooltip as the person reads it: its text, its links, and the HTML it renders to. */
export function renderTooltip(markdown: string): { text: string; links: number; html: string } {
  const html = md.render(markdown);
  const text = html
    .replace(/<[^>]+>/g, '')
    .replace(/&(#\d+|#x[\da-f]+|\w+);/gi, (m, e: string) =>
      e.startsWith('#x')
        ? String.fromCodePoint(parseInt(e.slice(2), 16))
        : e.startsWith('#') && !ENTITIES[e]
          ? String.fromCodePoint(Number(e.slice(1)))
          : (ENTITIES[e] ?? m),
    );
  return { text, links: (html.match(/<a\b/g) ?? []).length, html };
}
