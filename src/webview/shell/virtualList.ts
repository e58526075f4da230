/**
 * A virtual list of cards (turns): only the blocks near the viewport hold real cards, every other
 * block is an empty placeholder with the height it had when it was last shown (or an estimate).
 * Placeholders keep the scrollbar honest, so every card is reachable by scrolling; `reveal(i)`
 * reaches one directly (the page's search, keyboard and scroll anchor use it).
 *
 * Cards are grouped in blocks so a 10,000-card list needs about a thousand placeholders, not ten
 * thousand; heights go through the CSSOM (`style.height`), which the strict CSP allows, never a
 * style attribute.
 */

export interface VirtualListOptions {
  container: HTMLElement;
  count: number;
  /** Height guess, in px, for card `i` before it was ever shown. */
  estimate: (i: number) => number;
  render: (i: number) => HTMLElement;
  blockSize?: number;
  /** Blocks within this distance of the viewport are rendered; beyond twice it they are dropped. */
  marginPx?: number;
}

interface Block {
  first: number;
  /** Exclusive. */
  end: number;
  el: HTMLElement;
  rendered: boolean;
  /** The placeholder's height: measured when last shown, estimated before. */
  height: number;
}

/**
 * Indexes of the first and last block (inclusive) whose extent meets [-margin, viewport + margin],
 * given block heights and the list's top relative to the viewport. [0, -1] when none does.
 */
export function blocksNear(heights: readonly number[], top: number, viewport: number, margin: number): [number, number] {
  let y = top;
  let first = -1;
  let last = -1;
  for (let i = 0; i < heights.length; i++) {
    const bottom = y + heights[i];
    if (bottom >= -margin && y <= viewport + margin) {
      if (first === -1) first = i;
      last = i;
    } else if (y > viewport + margin) {
      break;
    }
    y = bottom;
  }
  return first === -1 ? [0, -1] : [first, last];
}

const lists = new WeakMap<Element, VirtualList>();

/** The virtual list that owns a container, if any (anchor and keyboard code find lists this way). */
export function virtualListOf(container: Element | null | undefined): VirtualList | undefined {
  return container ? lists.get(container) : undefined;
}

export class VirtualList {
  private readonly blocks: Block[] = [];
  private readonly blockSize: number;
  private readonly margin: number;
  private readonly win: Window | null;
  private readonly observer: ResizeObserver | undefined;
  private readonly onScroll = () => this.update();
  private updating = false;

  constructor(private readonly o: VirtualListOptions) {
    this.blockSize = Math.max(1, o.blockSize ?? 10);
    this.margin = o.marginPx ?? 1500;
    const doc = o.container.ownerDocument;
    this.win = doc.defaultView;
    for (let first = 0; first < o.count; first += this.blockSize) {
      const end = Math.min(o.count, first + this.blockSize);
      let height = 0;
      for (let i = first; i < end; i++) height += Math.max(1, o.estimate(i));
      const el = doc.createElement('div');
      el.className = 'vblock placeholder';
      el.setAttribute('data-first', String(first));
      el.style.height = `${height}px`;
      this.blocks.push({ first, end, el, rendered: false, height });
    }
    o.container.append(...this.blocks.map((b) => b.el));
    lists.set(o.container, this);
    this.win?.addEventListener('scroll', this.onScroll, { passive: true });
    this.win?.addEventListener('resize', this.onScroll);
    // Fires when a hidden thread tab is shown, or a fold opens inside a shown block.
    const RO = (this.win as (Window & typeof globalThis) | null)?.ResizeObserver;
    if (typeof RO === 'function') {
      this.observer = new RO(() => this.update());
      this.observer.observe(o.container);
    }
  }

  get count(): number {
    return this.o.count;
  }

  /** Cards currently in the DOM. */
  renderedCount(): number {
    let n = 0;
    for (const b of this.blocks) if (b.rendered) n += b.end - b.first;
    return n;
  }

  private isHidden(): boolean {
    return this.o.container.closest('[hidden]') !== null;
  }

  private renderBlock(b: Block): void {
    if (b.rendered) return;
    const cards: HTMLElement[] = [];
    for (let i = b.first; i < b.end; i++) cards.push(this.o.render(i));
    b.el.replaceChildren(...cards);
    b.el.className = 'vblock';
    b.el.removeAttribute('style');
    b.rendered = true;
  }

  private dropBlock(b: Block): void {
    if (!b.rendered) return;
    // Keep focus out of a block that disappears: a focused card would be lost to the keyboard.
    const active = b.el.ownerDocument.activeElement;
    if (active && b.el.contains(active)) return;
    const measured = b.el.getBoundingClientRect().height;
    if (measured > 0) b.height = measured;
    b.el.replaceChildren();
    b.el.className = 'vblock placeholder';
    b.el.style.height = `${b.height}px`;
    b.rendered = false;
  }

  private heights(): number[] {
    return this.blocks.map((b) => (b.rendered ? b.el.getBoundingClientRect().height || b.height : b.height));
  }

  /**
   * The first paint, without asking for layout: the blocks whose estimated heights fill `px`
   * from the top (a fresh render starts at the top of the page), or every block of a short list.
   * `update()` corrects it once the page has been laid out. True when every block is now shown.
   */
  prime(px: number, shortList = 30): boolean {
    let y = 0;
    for (const b of this.blocks) {
      if (this.o.count > shortList && y > px) break;
      this.renderBlock(b);
      y += b.height;
    }
    return this.blocks.every((b) => b.rendered);
  }

  /** True when the list corrects itself after the browser's own layout (a ResizeObserver watches it). */
  get watchesLayout(): boolean {
    return this.observer !== undefined;
  }

  /** Renders the blocks near the viewport and drops those far from it. */
  update(margin = this.margin, keep?: Block): void {
    if (this.updating || this.blocks.length === 0 || this.isHidden()) return;
    this.updating = true;
    try {
      const viewport = this.win?.innerHeight || 800;
      const top = this.o.container.getBoundingClientRect().top;
      const [first, last] = blocksNear(this.heights(), top, viewport, margin);
      for (let i = first; i <= last; i++) this.renderBlock(this.blocks[i]);
      // Heights changed as blocks rendered: drop with the fresh figures and a wider margin.
      const [keepFirst, keepLast] = blocksNear(
        this.heights(),
        this.o.container.getBoundingClientRect().top,
        viewport,
        2 * Math.max(margin, this.margin),
      );
      for (let i = 0; i < this.blocks.length; i++)
        if ((i < keepFirst || i > keepLast) && this.blocks[i] !== keep) this.dropBlock(this.blocks[i]);
    } finally {
      this.updating = false;
    }
  }

  /** The card for index `i`, rendering its block (and scrolling to it) when it is not shown. */
  reveal(i: number, scroll = true): HTMLElement | undefined {
    if (i < 0 || i >= this.o.count) return undefined;
    const b = this.blocks[Math.floor(i / this.blockSize)];
    this.renderBlock(b);
    const card = b.el.children[i - b.first] as HTMLElement | undefined;
    if (scroll) card?.scrollIntoView?.({ block: 'start' });
    this.update(this.margin, b);
    return card;
  }

  dispose(): void {
    this.win?.removeEventListener('scroll', this.onScroll);
    this.win?.removeEventListener('resize', this.onScroll);
    this.observer?.disconnect();
    lists.delete(this.o.container);
  }
}
