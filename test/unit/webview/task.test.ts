import { strict as assert } from 'node:assert';
import { all, click, key, openPage, type Page } from './helpers';
import { exampleTask, taskWithTurn } from './fixtures';

const text = (el: Element | null | undefined) => (el?.textContent ?? '').replace(/\s+/g, ' ').trim();
const PNG_1PX = 'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAQAAAC1HAwCAAAAC0lEQVR42mNkYAAAAAYAAjCB0C8AAAAASUVORK5CYII=';

describe('webview task view', () => {
  let page: Page;
  beforeEach(() => (page = openPage()));
  afterEach(() => page.close());

  it('renders the §11.1 example: header, summary, thread, turn, messages', async () => {
    await page.renderAll(exampleTask());
    const root = page.root;
    assert.equal(text(root.querySelector('.task-id')), '6650f0c2a1b2c3d4e5f60001');
    assert.ok(root.querySelector('.status-chip.status-completed'));
    assert.match(text(root.querySelector('.facts')), /Chat RLHF - Coding/);
    assert.equal(root.querySelector('.facts time')?.getAttribute('title'), '2025-05-20 09:15:00 UTC');
    const summary = text(root.querySelector('.summary'));
    assert.match(summary, /1 thread/);
    assert.match(summary, /1 turn/);
    assert.match(summary, /3 messages/);
    assert.match(summary, /13 annotations/);
    assert.match(summary, /Rubric model_a 6 \/ 10 · 60%/);
    assert.match(summary, /Preferred: model_b/);
    assert.match(text(root.querySelector('.submissions')), /contrib_7f3a/);
    assert.ok(root.querySelector('.thread-annotations .ann-ranked_choices'));
    assert.equal(all(root, '.turn-card').length, 1);
    assert.match(text(root.querySelector('.model-params')), /model-a · temperature 0\.7 · max tokens 2048 · top-p 0\.95 · top-k 40/);
    const reasoning = root.querySelector('details.reasoning');
    assert.ok(reasoning && !reasoning.hasAttribute('open'), 'reasoning folded');
    assert.match(text(reasoning), /iterative solution/);
    assert.match(text(root.querySelector('.reference-card .category')), /background/);
    assert.equal(root.querySelector('.reference-card a')?.getAttribute('href'), 'https://example.com/ll');
    assert.match(text(root.querySelector('.file-chip')), /diagram\.png.*image\/png · 48\.2 kB/); // 48,213 bytes in decimal units
    assert.equal(root.querySelector('.file-chip img'), null, 'no thumbnail without inline content');
    assert.match(text(root.querySelector('.chunks')), /def reverse\(head\):/);
    assert.ok(root.querySelector('.chunks .ann-boolean .bool-yes'));
    assert.ok(root.querySelector('.turn-foot .ann-category'));
    assert.match(text(root.querySelector('.turn-foot .rubrics')), /Code compiles without modification/);
    assert.deepEqual(
      page.posted.map((m) => m.type === 'rendered' && m.phase),
      ['first', 'complete'],
    );
  });

  it('rubric_evaluations: criteria table with criterion text, weight, score, total and percentage', async () => {
    await page.renderAll(exampleTask());
    const table = page.root.querySelector('.rubric-eval');
    assert.ok(table);
    const rows = all(table, 'tbody tr').map((r) => all(r, 'td').map(text));
    assert.deepEqual(rows[0].slice(0, 4), ['Code compiles without modification', '6', '1', '6']);
    assert.deepEqual(rows[1].slice(0, 4), ['Explains time complexity', '4', '0', '0']);
    assert.match(text(table.querySelector('.rubric-total')), /6 \/ 10 · 60%/);
  });

  it('candidates side by side, labelled by source_id, the preferred one marked', async () => {
    await page.renderAll(exampleTask());
    const grid = page.root.querySelector('.candidates');
    assert.ok(grid);
    const cols = all(grid, '.candidate');
    assert.deepEqual(
      cols.map((c) => text(c.querySelector('.candidate-label'))),
      ['model_a', 'model_b'],
    );
    assert.deepEqual(
      cols.map((c) => c.classList.contains('preferred')),
      [false, true],
    );
    assert.match(text(cols[1].querySelector('.preferred-badge')), /Preferred/);
    // The user message stays outside the grid, before it.
    assert.ok(page.root.querySelector('.turn-card > .message.role-user'));
  });

  it('preference from a thread-level ranking when the turn has none; ties marked', async () => {
    const task = taskWithTurn([
      { role: 'user', content: { text: 'q' } },
      { role: 'assistant', source_id: 'a', content: { text: 'A' } },
      { role: 'assistant', source_id: 'b', content: { text: 'B' } },
      { role: 'assistant', source_id: 'c', content: { text: 'C' } },
    ]);
    (task.threads as Array<Record<string, unknown>>)[0].annotations = [
      { key: 'p', type: 'ranked_groups', value: [['zzz'], ['c', 'a'], ['b']] },
    ];
    await page.renderAll(task);
    const cols = all(page.root, '.candidate');
    assert.deepEqual(
      cols.map((c) => c.classList.contains('preferred')),
      [true, false, true],
    );
    assert.match(text(cols[0].querySelector('.preferred-badge')), /tie/);
  });

  it('unknown role shown as itself; system message folded to one line', async () => {
    await page.renderAll(
      taskWithTurn([
        { role: 'system', source_id: 'system', content: { text: 'You are helpful.\nSecond line' } },
        { role: 'tool_result', source_id: 'tool', content: { text: 'result' } },
      ]),
    );
    const other = page.root.querySelector('.role-badge.role-other');
    assert.equal(text(other), 'tool_result');
    const sys = page.root.querySelector('details.message.role-system');
    assert.ok(sys && !sys.hasAttribute('open'));
    assert.equal(text(sys.querySelector('summary .first-line')), 'You are helpful.');
  });

  it('unknown status: a neutral chip showing the status itself', async () => {
    await page.renderAll({ task_id: 't', status: 'under_review', threads: [] });
    const chip = page.root.querySelector('.status-chip');
    assert.ok(chip?.classList.contains('status-unknown'));
    assert.equal(text(chip), 'under_review');
  });

  it('empty states say what they mean', async () => {
    await page.renderAll({ task_id: 't', status: 'pending' });
    assert.equal(text(page.root.querySelector('.empty-state')), 'This task has no threads yet — it is not completed.');
    await page.renderAll({
      task_id: 't',
      status: 'completed',
      sensitive_content_reports: [{ type: 'pii', message: 'contains an address' }],
    });
    assert.equal(text(page.root.querySelector('.empty-state')), 'This task has no threads: it was reported for sensitive content.');
    assert.match(text(page.root.querySelector('.callout-warning')), /pii.*contains an address/);
  });

  it('errors as callouts right under the header, metadata folded as key/value', async () => {
    await page.renderAll({
      task_id: 't',
      status: 'error',
      errors: [{ type: 'PROMPT_LENGTH_EXCEEDED', message: 'Prompt too long' }],
      metadata: { customer_ref: 'row-1', n: 2 },
    });
    const header = page.root.querySelector('.task-header');
    assert.match(text(header?.querySelector('.callout-error')), /PROMPT_LENGTH_EXCEEDED.*Prompt too long/);
    const md = header?.querySelector('details.metadata');
    assert.ok(md && !md.hasAttribute('open'));
    assert.match(text(md), /Metadata \(2\).*customer_ref\s*row-1/);
  });

  it('toolbar and header controls post commands and copies', async () => {
    await page.renderAll(exampleTask(), { pinned: true });
    for (const name of ['openJson', 'copyId', 'copyLink', 'refresh', 'revealInTree', 'pin']) {
      click(page.root.querySelector(`.toolbar [data-command="${name}"]`)!);
    }
    assert.equal(page.root.querySelector('[data-command="pin"]')?.getAttribute('aria-pressed'), 'true');
    click(page.root.querySelector('[data-command="revealProject"]')!);
    click(page.root.querySelector('[data-command="revealBatch"]')!);
    click(page.root.querySelector('.task-id')!);
    const sent = page.posted.filter((m) => m.type !== 'rendered');
    assert.deepEqual(sent, [
      ...['openJson', 'copyId', 'copyLink', 'refresh', 'revealInTree', 'pin', 'revealProject', 'revealBatch'].map((name) => ({
        type: 'command',
        name,
      })),
      { type: 'copy', text: '6650f0c2a1b2c3d4e5f60001' },
    ]);
    for (const b of all(page.root, '.toolbar button')) assert.ok(b.getAttribute('aria-label'), 'accessible label');
  });

  it('long messages fold with "Show more"', async () => {
    const long = Array.from({ length: 80 }, (_, i) => `line ${i}`).join('\n\n');
    await page.renderAll(taskWithTurn([{ role: 'assistant', source_id: 'm', content: { text: long } }]));
    const fold = page.root.querySelector('.fold');
    assert.ok(fold && fold.classList.contains('folded'));
    const toggle = fold.querySelector('.fold-toggle')!;
    assert.equal(toggle.getAttribute('aria-expanded'), 'false');
    click(toggle);
    assert.ok(!fold.classList.contains('folded'));
    assert.equal(toggle.getAttribute('aria-expanded'), 'true');
    assert.equal(text(toggle), 'Show less');
  });

  it('attachment thumbnails only from inline raster content', async () => {
    await page.renderAll(
      taskWithTurn([
        {
          role: 'user',
          content: {
            text: 'see',
            attachments: [
              { name: 'a.png', mime_type: 'image/png', content: PNG_1PX },
              { name: 'b.svg', mime_type: 'image/svg+xml', content: 'PHN2Zy8+' },
              { name: 'c.png', mime_type: 'image/png', url: 'https://example.com/c.png' },
              { name: 'd.png', mime_type: 'image/png', content: 'not base64 "><script>' },
            ],
          },
        },
      ]),
    );
    const imgs = all(page.root, 'img');
    assert.equal(imgs.length, 1);
    assert.equal(imgs[0].getAttribute('src'), `data:image/png;base64,${PNG_1PX}`);
    assert.equal(all(page.root, '.file-chip').length, 4);
  });

  it('j/k move focus between turn cards', async () => {
    const turns = [0, 1, 2].map((i) => ({ id: `t${i}`, messages: [{ role: 'user', content: { text: `q${i}` } }], annotations: [] }));
    await page.renderAll({ task_id: 'x', status: 'completed', threads: [{ id: 'th', annotations: [], turns }] });
    const cards = all(page.root, '.turn-card');
    assert.ok(cards.every((c) => c.getAttribute('tabindex') === '0'));
    key(page.document, 'j');
    assert.equal(page.document.activeElement, cards[0]);
    key(cards[0], 'j');
    assert.equal(page.document.activeElement, cards[1]);
    key(cards[1], 'ArrowDown');
    assert.equal(page.document.activeElement, cards[2]);
    key(cards[2], 'k');
    assert.equal(page.document.activeElement, cards[1]);
  });

  it('several threads become tabs', async () => {
    const thread = (id: string) => ({
      id,
      annotations: [],
      turns: [{ id: 't', messages: [{ role: 'user', content: { text: id } }], annotations: [] }],
    });
    await page.renderAll({ task_id: 'x', status: 'completed', threads: [thread('A'), thread('B')] });
    const tabs = all(page.root, '[role="tab"]');
    const panels = all(page.root, '[role="tabpanel"]');
    assert.equal(tabs.length, 2);
    assert.deepEqual(
      panels.map((p) => p.hasAttribute('hidden')),
      [false, true],
    );
    click(tabs[1]);
    assert.deepEqual(
      panels.map((p) => p.hasAttribute('hidden')),
      [true, false],
    );
    assert.equal(tabs[1].getAttribute('aria-selected'), 'true');
  });

  it('re-rendering the same task keeps the selected thread tab', async () => {
    const thread = (id: string) => ({
      id,
      annotations: [],
      turns: [{ id: 't', messages: [{ role: 'user', content: { text: id } }], annotations: [] }],
    });
    const task = { task_id: 'x', status: 'completed', threads: [thread('A'), thread('B')] };
    await page.renderAll(task);
    click(all(page.root, '[role="tab"]')[1]);
    await page.renderAll(task, { revealSecrets: true });
    assert.equal(all(page.root, '[role="tab"]')[1].getAttribute('aria-selected'), 'true');
    assert.deepEqual(
      all(page.root, '[role="tabpanel"]').map((p) => p.hasAttribute('hidden')),
      [true, false],
    );
    await page.renderAll({ ...task, task_id: 'y' });
    assert.equal(all(page.root, '[role="tab"]')[0].getAttribute('aria-selected'), 'true', 'another task starts at the first tab');
  });

  it('a platform without its own view gets the generic one: id, status, key/value tree', async () => {
    await page.renderAll(
      { id: 'lp_1', type: 'upload', status: { phase: 'running', progress: 0.5 }, params: { url: 'https://x.example/v.mp4' } },
      { platform: 'labelbox' },
    );
    assert.equal(text(page.root.querySelector('.task-id')), 'lp_1');
    assert.equal(text(page.root.querySelector('.status-chip')), 'running');
    assert.match(text(page.root.querySelector('.generic-fields')), /params.*url.*https:\/\/x\.example\/v\.mp4/);
    assert.equal(page.root.querySelector('.turn-card'), null);
  });

  it('never throws on garbage', async () => {
    for (const garbage of [
      null,
      42,
      'task',
      [],
      { threads: 'x' },
      { threads: [null, 1, { turns: [null, { messages: [null, 'm', { content: 5 }] }] }] },
      {
        task_id: {},
        status: [],
        project: 7,
        batch: { name: {} },
        created_at: 'not a date',
        metadata: [],
        errors: 'e',
        threads: [{ annotations: [{ type: 'integer', value: {}, possible_values: 'x', labels: 'y' }] }],
      },
    ]) {
      await page.renderAll(garbage);
      assert.ok(page.root.querySelector('.toolbar'));
    }
    await page.renderAll(null, { platform: 'livepeer' });
  });

  it('loading and error states keep the toolbar', () => {
    page.view.loading();
    assert.equal(page.root.getAttribute('aria-busy'), 'true');
    assert.match(page.text(), /Loading task/);
    page.view.error('API key rejected (401) <b>x</b>');
    assert.ok(page.root.querySelector('.toolbar [data-command="refresh"]'));
    assert.match(text(page.root.querySelector('.callout-error')), /API key rejected \(401\) <b>x<\/b>/);
    assert.equal(page.root.querySelector('b'), null);
  });
});
