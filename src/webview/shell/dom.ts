/**
 * The one way renderers build DOM: createElement, text nodes and setAttribute with an
 * allow-list of tags and attributes. The page never uses innerHTML (markdown.ts builds its
 * DOM from markdown-it tokens through this file too).
 */
import { isAllowedLinkUrl } from '../../shared/links';

let doc: Document | undefined;

/** Renderers create nodes in this document (set once per view; tests pass a jsdom document). */
export function setDocument(d: Document): void {
  doc = d;
}

export function currentDocument(): Document {
  if (doc) return doc;
  if (typeof document !== 'undefined') return document;
  throw new Error('Task Lens webview: no document');
}

const TAGS = new Set([
  'a',
  'article',
  'blockquote',
  'br',
  'button',
  'code',
  'dd',
  'del',
  'details',
  'div',
  'dl',
  'dt',
  'em',
  'footer',
  'h1',
  'h2',
  'h3',
  'h4',
  'h5',
  'h6',
  'header',
  'hr',
  'i',
  'img',
  'ins',
  'input',
  'kbd',
  'label',
  'li',
  'main',
  'mark',
  'nav',
  'ol',
  'p',
  'option',
  'pre',
  'progress',
  's',
  'section',
  'select',
  'small',
  'span',
  'strong',
  'summary',
  'table',
  'tbody',
  'td',
  'th',
  'thead',
  'time',
  'tr',
  'ul',
]);

const ATTRS = new Set([
  'class',
  'id',
  'title',
  'role',
  'tabindex',
  'type',
  'open',
  'hidden',
  'alt',
  'href',
  'src',
  'colspan',
  'datetime',
  'start',
  'scope',
  'lang',
  'dir',
  'disabled',
  'value',
  'max',
  'selected',
  'for',
  'placeholder',
  'autocomplete',
  'spellcheck',
]);

const DATA_IMAGE_RE = /^data:image\/(png|jpeg|gif|webp);base64,[A-Za-z0-9+/]+={0,2}$/;

/** Images come only from inline base64 data of a raster type (never svg, never the network). */
export function isAllowedImageSrc(src: unknown): src is string {
  return typeof src === 'string' && DATA_IMAGE_RE.test(src);
}

export type AttrValue = string | number | boolean | null | undefined;
export type Attrs = Record<string, AttrValue>;
export type Child = Node | string | number | null | undefined | false | readonly Child[];

function isAllowedAttr(name: string): boolean {
  if (/^on/i.test(name) || name === 'style') return false;
  return ATTRS.has(name) || /^aria-[a-z]+$/.test(name) || /^data-[a-z][a-z0-9-]*$/.test(name);
}

export function setAttr(el: Element, name: string, value: AttrValue): void {
  if (value === undefined || value === null || value === false) return;
  if (!isAllowedAttr(name)) throw new Error(`attribute not allowed: ${name}`);
  const v = value === true ? '' : String(value);
  if (name === 'href' && !isAllowedLinkUrl(v) && v !== '#') return;
  if (name === 'src' && !isAllowedImageSrc(v)) return;
  el.setAttribute(name, v);
}

export function append(parent: Node, child: Child): void {
  if (child === null || child === undefined || child === false) return;
  if (Array.isArray(child)) {
    for (const c of child as readonly Child[]) append(parent, c);
  } else if (typeof child === 'string' || typeof child === 'number') {
    parent.appendChild(currentDocument().createTextNode(String(child)));
  } else {
    parent.appendChild(child as Node);
  }
}

export function h<K extends keyof HTMLElementTagNameMap>(tag: K, attrs?: Attrs | null, ...children: Child[]): HTMLElementTagNameMap[K] {
  if (!TAGS.has(tag)) throw new Error(`element not allowed: ${tag}`);
  const el = currentDocument().createElement(tag);
  if (attrs) for (const name of Object.keys(attrs)) setAttr(el, name, attrs[name]);
  for (const c of children) append(el, c);
  return el;
}

/** A codicon glyph; decorative, so hidden from screen readers. */
export function icon(name: string, extraClass?: string): HTMLElement {
  const safe = /^[a-z0-9-]+$/.test(name) ? name : 'question';
  return h('i', { class: `codicon codicon-${safe}${extraClass ? ' ' + extraClass : ''}`, 'aria-hidden': 'true' });
}

export function text(s: string): Text {
  return currentDocument().createTextNode(s);
}

/** Ordinal element-type checks that work across realms (jsdom in tests). */
export function isElement(n: Node | null | undefined): n is Element {
  return !!n && n.nodeType === 1;
}
