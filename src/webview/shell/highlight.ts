/**
 * Code blocks highlighted by language with highlight.js core (pinned) and a few languages
 * registered (bundle cost in README). highlight.js builds a token tree; this walks the tree into
 * spans and text nodes through the DOM helper, so its HTML output is never used and code from a
 * task stays text. Colours come from the theme (media/css/shell.css, `.hl-*`).
 */
import hljs from 'highlight.js/lib/core';
import bash from 'highlight.js/lib/languages/bash';
import c from 'highlight.js/lib/languages/c';
import cpp from 'highlight.js/lib/languages/cpp';
import css from 'highlight.js/lib/languages/css';
import go from 'highlight.js/lib/languages/go';
import java from 'highlight.js/lib/languages/java';
import javascript from 'highlight.js/lib/languages/javascript';
import json from 'highlight.js/lib/languages/json';
import python from 'highlight.js/lib/languages/python';
import rust from 'highlight.js/lib/languages/rust';
import sql from 'highlight.js/lib/languages/sql';
import typescript from 'highlight.js/lib/languages/typescript';
import xml from 'highlight.js/lib/languages/xml';
import yaml from 'highlight.js/lib/languages/yaml';
import { h, text } from './dom';

const LANGUAGES = { bash, c, cpp, css, go, java, javascript, json, python, rust, sql, typescript, xml, yaml };
for (const [name, lang] of Object.entries(LANGUAGES)) hljs.registerLanguage(name, lang);

/**
 * Compiles the grammars ahead of use, one language a step: highlight.js compiles a language on
 * its first use (≈ 1–25 ms each), which would otherwise land in a task's first slice. The page
 * runs these steps while it waits for the task and stops when the task arrives.
 */
export function* compileGrammars(): Generator<void> {
  for (const name of Object.keys(LANGUAGES)) {
    try {
      hljs.highlight('x', { language: name, ignoreIllegals: true });
    } catch {
      // Compiled on first use instead.
    }
    yield;
  }
}

/** Longer code is shown plain: highlighting it would cost more than it helps. */
export const HIGHLIGHT_MAX_CHARS = 20_000;

/** highlight.js's token tree (TokenTree.root): text, or a scope with children. */
interface TokenNode {
  scope?: string;
  language?: string;
  children: Array<string | TokenNode>;
}

function scopeClass(scope: string | undefined): string | undefined {
  if (!scope) return undefined;
  const parts = scope.split('.').filter((p) => /^[a-z][a-z_-]*$/.test(p));
  return parts.length > 0 ? parts.map((p, i) => (i === 0 ? `hl-${p}` : `hl-${parts[0]}-${p}`)).join(' ') : undefined;
}

function build(node: TokenNode, parent: Node): void {
  for (const child of node.children) {
    if (typeof child === 'string') parent.appendChild(text(child));
    else {
      const span = h('span', { class: scopeClass(child.scope) });
      build(child, span);
      parent.appendChild(span);
    }
  }
}

export function isHighlighted(language: string): boolean {
  return hljs.getLanguage(language) !== undefined;
}

/** The code as highlighted nodes, or undefined when the language is unknown or the code too long. */
export function highlightCode(code: string, language: string): Node[] | undefined {
  if (code.length > HIGHLIGHT_MAX_CHARS || !isHighlighted(language)) return undefined;
  try {
    const result = hljs.highlight(code, { language, ignoreIllegals: true });
    const root = (result._emitter as unknown as { root?: TokenNode }).root;
    if (!root || !Array.isArray(root.children)) return undefined;
    const box = h('span');
    build(root, box);
    // The tree holds the code exactly; if it did not, show the code as it is.
    if (box.textContent !== code) return undefined;
    return Array.from(box.childNodes);
  } catch {
    return undefined;
  }
}
