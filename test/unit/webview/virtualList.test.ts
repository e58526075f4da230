import { strict as assert } from 'node:assert';
import { JSDOM } from 'jsdom';
import { h, setDocument } from '../../../src/webview/shell/dom';
import { blocksNear, VirtualList } from '../../../src/webview/shell/virtualList';
import { searchUnits } from '../../../src/webview/shell/pageSearch';
import { bigTask } from './fixtures';
import { all, openPage } from './helpers';

const CARD_PX = 100;

/** jsdom has no layout: cards are 100 px, placeholders their CSSOM height, the list scrolls by `scrollY`. */
function fakeLayout(dom: JSDOM, state: { scrollY: number }): void {
  const proto = dom.window.HTMLElement.prototype;
  const height = (el: HTMLElement): number => {
    if (el.classList.contains('turn-card')) return CARD_PX;
    if (el.classList.contains('placeholder')) return parseFloat(el.style.height) || 0;
    return Array.from(el.children).reduce((n, c) => n + height(c as HTMLElement), 0);
  };
  proto.getBoundingClientRect = function (this: HTMLElement) {
    const top = this.classList.contains('list') ? -state.scrollY : 0;
    const hgt = height(this);
    return { top, bottom: top + hgt, height: hgt, left: 0, right: 800, width: 800, x: 0, y: top, toJSON: () => ({}) } as DOMRect;
  };
}

describe('virtual list', () => {
  it('blocksNear: the blocks meeting the viewport and its margin', () => {
    const heights = [100, 100, 100, 100, 100, 100];
    assert.deepEqual(blocksNear(heights, 0, 150, 0), [0, 1]);
    assert.deepEqual(blocksNear(heights, -250, 100, 0), [2, 3]);
    assert.deepEqual(blocksNear(heights, -250, 100, 100), [1, 4]);
    assert.deepEqual(blocksNear(heights, -1000, 100, 0), [0, -1], 'scrolled past the list');
    assert.deepEqual(blocksNear([], 0, 100, 0), [0, -1]);
  });

  it('scrolling top to bottom shows every one of 1,000 cards, never more than a few blocks at a time', () => {
    const dom = new JSDOM('<!doctype html><body><div class="list"></div></body>');
    setDocument(dom.window.document);
    const state = { scrollY: 0 };
    fakeLayout(dom, state);
    const container = dom.window.document.querySelector('.list') as HTMLElement;
    // Estimates are wrong on purpose (60 px for 100 px cards): measured heights replace them.
    const list = new VirtualList({
      container,
      count: 1000,
      estimate: () => 60,
      render: (i) => h('section', { class: 'turn-card', 'data-turn-index': i }, `card ${i}`),
      marginPx: 300,
    });
    const seen = new Set<number>();
    let most = 0;
    for (let guard = 0; guard < 10_000; guard++) {
      list.update();
      const cards = all(container, '.turn-card').map((c) => Number(c.getAttribute('data-turn-index')));
      cards.forEach((i) => seen.add(i));
      most = Math.max(most, cards.length);
      const total = container.getBoundingClientRect().height;
      if (state.scrollY + dom.window.innerHeight >= total) break;
      state.scrollY += 250;
    }
    assert.equal(seen.size, 1000, 'every card was in the DOM at some scroll position');
    assert.ok(seen.has(999) && seen.has(0));
    // viewport 768 + 2 × 600 of kept margin, in 100 px cards, rounded out to blocks of 10.
    assert.ok(most <= 60, `at most ${most} cards at once`);
    assert.ok(list.renderedCount() <= 60);
    for (const i of [0, 7, 499, 500, 998, 999]) assert.equal(list.reveal(i)?.textContent, `card ${i}`, `reveal(${i})`);
    list.dispose();
  });

  it('the page search finds a turn that is not in the DOM and shows it', () => {
    const page = openPage();
    try {
      page.render(bigTask(2000));
      assert.equal(page.root.querySelector('[data-turn-index="1876"]'), null, 'turn 1876 starts as a placeholder');
      const input = page.root.querySelector('.page-search-input') as HTMLInputElement;
      assert.ok(input, 'the toolbar has the search box');
      input.value = 'Answer B 1876.';
      const win = page.window as unknown as typeof globalThis;
      input.dispatchEvent(new win.KeyboardEvent('keydown', { key: 'Enter', bubbles: true }));
      const card = page.root.querySelector('[data-turn-index="1876"]');
      assert.ok(card, 'the matching turn is now in the DOM');
      assert.match(card.textContent ?? '', /Answer B 1876\./);
      assert.match(page.root.querySelector('.page-search-status')?.textContent ?? '', /1 of 1 turns/);
    } finally {
      page.close();
    }
  });

  it('searchUnits matches case-insensitively across every unit', () => {
    const texts = ['alpha beta', 'Gamma', 'BETA delta'].map((s) => s.toLowerCase());
    const s = { count: 3, textOf: (i: number) => texts[i], reveal: () => undefined };
    assert.deepEqual(searchUnits(s, 'Beta'), [0, 2]);
    assert.deepEqual(searchUnits(s, '  '), []);
    assert.deepEqual(searchUnits(s, 'zeta'), []);
  });
});
