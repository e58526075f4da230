import { strict as assert } from 'node:assert';
import { click, key, openPage, type Page } from './helpers';
import { exampleTask } from './fixtures';

describe('task view of a task read from a file (the delivery explorer)', () => {
  let page: Page;
  afterEach(() => page.close());

  it('offers Previous / Next with the place in the set, and n / p press them; no Reveal in Tree', async () => {
    page = openPage();
    await page.renderAll(exampleTask(), { file: 'delivery.jsonl, line 8', navigation: { position: 2, count: 5 } });
    assert.match(page.root.querySelector('.toolbar .nav-position')?.textContent ?? '', /^2 of 5$/);
    assert.equal(page.root.querySelector('.toolbar [data-command="revealInTree"]'), null, 'a file task has no tree to reveal');
    assert.match(page.root.querySelector('.toolbar .connection')?.textContent ?? '', /delivery\.jsonl, line 8/);
    key(page.document, 'n');
    key(page.document, 'p');
    click(page.root.querySelector('.toolbar [data-command="next"]') as Element);
    const commands = page.posted.filter((m) => m.type === 'command').map((m) => (m as { name: string }).name);
    assert.deepEqual(commands, ['next', 'previous', 'next']);
  });

  it('disables Previous on the first task and Next on the last, and the keys with them', async () => {
    page = openPage();
    await page.renderAll(exampleTask(), { file: 'x.jsonl, line 1', navigation: { position: 1, count: 1 } });
    assert.ok((page.root.querySelector('[data-command="previous"]') as HTMLButtonElement).disabled);
    assert.ok((page.root.querySelector('[data-command="next"]') as HTMLButtonElement).disabled);
    key(page.document, 'n');
    key(page.document, 'p');
    assert.equal(page.posted.filter((m) => m.type === 'command').length, 0);
  });

  it('shows no navigation for a task from a connection', async () => {
    page = openPage();
    await page.renderAll(exampleTask());
    assert.equal(page.root.querySelector('[data-command="next"]'), null);
    key(page.document, 'n');
    assert.equal(page.posted.filter((m) => m.type === 'command').length, 0);
    assert.ok(page.root.querySelector('.toolbar [data-command="revealInTree"]'));
  });
});
