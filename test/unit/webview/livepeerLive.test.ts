import { strict as assert } from 'node:assert';
import { isHostToPage } from '../../../src/shared/protocol';
import { all, click, openPage, type Page } from './helpers';
import { fixtureTask, livepeerContext, relatedFor, text } from './livepeerHelpers';

describe('webview Livepeer task view, live', () => {
  let page: Page;
  beforeEach(() => (page = openPage()));
  afterEach(() => page.close());

  it('redraws a live update of the shown task in place, keeping its assets; ignores another task', () => {
    const task = fixtureTask('runningUpload');
    page.view.render(task, livepeerContext(), undefined, relatedFor(task));
    assert.equal(text(page.root.querySelector('.lp-progress-value')), '42%');
    const cards = all(page.root, '.lp-asset-card').length;
    assert.ok(cards >= 1);
    const next = structuredClone(task);
    next.status = { ...next.status, progress: 0.72, updatedAt: Date.now() };
    assert.ok(page.view.live(next, { stuck: false, actions: [] }));
    assert.equal(text(page.root.querySelector('.lp-progress-value')), '72%');
    assert.equal(all(page.root, '.lp-asset-card').length, cards, 'the related assets stay');
    const other = fixtureTask('runningClip');
    assert.equal(page.view.live(other, { stuck: false, actions: [] }), undefined);
    assert.equal(text(page.root.querySelector('.lp-progress-value')), '72%');
  });

  it('says when a task looks stuck, and offers the actions the host allows as toolbar buttons', () => {
    const task = fixtureTask('failedUpload');
    page.view.render(task, livepeerContext({ stuck: true, actions: ['retryTask'] }), undefined, relatedFor(task));
    assert.match(text(page.root), /No update for a long time/);
    const retry = page.root.querySelector('.toolbar [data-command="retryTask"]');
    assert.ok(retry);
    assert.equal(page.root.querySelector('.toolbar [data-command="downloadOutput"]'), null);
    click(retry);
    assert.deepEqual(
      page.posted.filter((m) => m.type === 'command'),
      [{ type: 'command', name: 'retryTask' }],
    );
  });

  it('validates live messages like every other', () => {
    assert.equal(isHostToPage({ type: 'live', task: {}, stuck: false, actions: ['retryTask', 'downloadOutput'] }), true);
    assert.equal(isHostToPage({ type: 'live', task: {}, stuck: 'no', actions: [] }), false);
    assert.equal(isHostToPage({ type: 'live', task: {}, stuck: false, actions: ['deleteEverything'] }), false);
    assert.equal(isHostToPage({ type: 'live', stuck: false, actions: [] }), false);
  });
});
