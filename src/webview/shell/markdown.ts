/**
 * Markdown for message text, safe by construction: markdown-it parses with raw HTML
 * disabled and links validated (http/https/mailto; images: inline raster data only), and
 * its token stream is turned into DOM nodes directly with createElement/text nodes — no HTML
 * string is ever parsed, so there is no innerHTML and no mXSS surface at all. Only the tags
 * markdown produces are built; any other token becomes text.
 * Link clicks never navigate: interactions.ts turns them into `openLink` messages.
 */
import MarkdownIt from 'markdown-it';
import { h, isAllowedImageSrc, text } from './dom';
import { isAllowedLinkUrl } from '../../shared/links';
import { highlightCode } from './highlight';
import { t } from './strings';
import { copyButton } from './widgets';

/** Beyond this, markdown parsing costs more than it helps; show the text as it is. */
const MAX_MARKDOWN_CHARS = 200_000;

const DATA_IMAGE_PREFIX = /^data:image\/(png|jpeg|gif|webp);base64,/i;
const LANGUAGE = /^[A-Za-z0-9_+#.-]{1,32}$/;
const ALIGN = /^text-align:\s*(left|right|center)$/;

/** Block and inline containers markdown-it emits (with html: false), mapped to our tags. */
const CONTAINERS: Readonly<Record<string, keyof HTMLElementTagNameMap>> = {
  p: 'p',
  h1: 'h1',
  h2: 'h2',
  h3: 'h3',
  h4: 'h4',
  h5: 'h5',
  h6: 'h6',
  blockquote: 'blockquote',
  ul: 'ul',
  ol: 'ol',
  li: 'li',
  table: 'table',
  thead: 'thead',
  tbody: 'tbody',
  tr: 'tr',
  th: 'th',
  td: 'td',
  strong: 'strong',
  em: 'em',
  s: 's',
};

type Token = ReturnType<MarkdownIt['parse']>[number];

let md: MarkdownIt | undefined;

function parser(): MarkdownIt {
  if (!md) {
    md = new MarkdownIt({ html: false, linkify: true, typographer: false, breaks: false });
    md.validateLink = (url: string): boolean => isAllowedLinkUrl(url) || DATA_IMAGE_PREFIX.test(url);
  }
  return md;
}

function plain(src: string, cls: string): HTMLElement {
  return h('div', { class: cls }, h('pre', { class: 'plain' }, src));
}

export function renderMarkdown(src: string, extraClass?: string): HTMLElement {
  const cls = `markdown${extraClass ? ' ' + extraClass : ''}`;
  if (src.length > MAX_MARKDOWN_CHARS) return plain(src, cls);
  const box = h('div', { class: cls });
  try {
    build(box, parser().parse(src, {}));
  } catch {
    return plain(src, cls);
  }
  return box;
}

/** A fenced block: its language hint, highlighted when the language is known, and a copy button. */
function codeBlock(info: string, content: string): HTMLElement {
  const lang = info.trim().split(/\s+/, 1)[0] ?? '';
  const ok = LANGUAGE.test(lang);
  const tokens = ok ? highlightCode(content, lang.toLowerCase()) : undefined;
  return h(
    'div',
    { class: 'code-block' },
    h(
      'div',
      { class: 'code-head' },
      ok ? h('span', { class: 'code-lang' }, lang) : null,
      h('span', { class: 'spacer' }),
      copyButton(content, t('copyCode')),
    ),
    h(
      'pre',
      { 'data-lang': ok ? lang : undefined },
      h('code', { class: ok ? `language-${lang}${tokens ? ' highlighted' : ''}` : undefined }, tokens ?? content),
    ),
  );
}

function open(tok: Token): HTMLElement | undefined {
  if (tok.type === 'link_open') {
    const href = tok.attrGet('href');
    if (!isAllowedLinkUrl(href)) return undefined;
    return h('a', { href, title: href, class: 'link' });
  }
  if (tok.type === 'ordered_list_open') {
    const start = tok.attrGet('start');
    return h('ol', { start: start !== null && /^\d{1,9}$/.test(start) ? start : undefined });
  }
  const tag = Object.prototype.hasOwnProperty.call(CONTAINERS, tok.tag) ? CONTAINERS[tok.tag] : undefined;
  if (!tag) return undefined;
  const align = ALIGN.exec(tok.attrGet('style')?.trim() ?? '');
  return h(tag, { class: align ? `align-${align[1]}` : undefined });
}

function leaf(tok: Token): Node {
  switch (tok.type) {
    case 'softbreak':
      return text('\n');
    case 'hardbreak':
      return h('br');
    case 'hr':
      return h('hr');
    case 'code_inline':
      return h('code', null, tok.content);
    case 'fence':
      return codeBlock(tok.info, tok.content);
    case 'code_block':
      return codeBlock('', tok.content);
    case 'image': {
      const src = tok.attrGet('src');
      const alt = (tok.children ?? []).map((c) => c.content).join('');
      return isAllowedImageSrc(src) ? h('img', { src, alt, class: 'md-image' }) : text(`[${t('imageNotLoaded', alt)}]`);
    }
    default:
      // text, text_special, html_inline/html_block (shown as text), anything new.
      return text(tok.content);
  }
}

/** Appends the DOM for a token stream; nesting tokens open and close containers. */
function build(root: HTMLElement, tokens: Token[]): void {
  const stack: Node[] = [root];
  const walk = (list: Token[]) => {
    for (const tok of list) {
      const parent = stack[stack.length - 1];
      if (tok.type === 'inline') {
        walk(tok.children ?? []);
      } else if (tok.nesting === 1) {
        // Hidden paragraphs (tight lists) and refused links keep their content in the parent.
        const el = tok.hidden ? undefined : open(tok);
        if (el) parent.appendChild(el);
        stack.push(el ?? parent);
      } else if (tok.nesting === -1) {
        if (stack.length > 1) stack.pop();
      } else if (!tok.hidden) {
        parent.appendChild(leaf(tok));
      }
    }
  };
  walk(tokens);
}
