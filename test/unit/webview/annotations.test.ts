import { strict as assert } from 'node:assert';
import { all, openPage, type Page } from './helpers';
import { taskWithAnnotation } from './fixtures';

/** Renders a task whose message carries `annotation`; returns the annotation's element. */
async function renderAnnotation(page: Page, annotation: Record<string, unknown>, context = {}): Promise<Element> {
  await page.renderAll(taskWithAnnotation({ id: 'a1', key: 'the_key', ...annotation }), context);
  const el = page.root.querySelector('.message .annotation');
  assert.ok(el, 'annotation rendered');
  return el;
}

const text = (el: Element | null | undefined) => (el?.textContent ?? '').replace(/\s+/g, ' ').trim();

describe('webview annotations', () => {
  let page: Page;
  beforeEach(() => (page = openPage()));
  afterEach(() => page.close());

  it('common row: title, key, description, flags, labels, justification', async () => {
    const el = await renderAnnotation(page, {
      type: 'text',
      title: 'Rewrite',
      description: 'Rewrite the answer',
      value: 'better',
      not_applicable: true,
      cannot_assess: true,
      labels: ['l1', 'l2'],
      justification: 'because',
    });
    assert.equal(text(el.querySelector('.ann-title')), 'Rewrite');
    assert.equal(el.querySelector('.ann-title')?.getAttribute('title'), 'Rewrite the answer');
    assert.equal(text(el.querySelector('.ann-key')), 'the_key');
    assert.equal(text(el.querySelector('.ann-desc p')), 'Rewrite the answer');
    assert.ok(el.querySelector('.flag-na') && el.querySelector('.flag-ca'));
    assert.deepEqual(all(el, '.ann-labels .chip').map(text), ['l1', 'l2']);
    assert.equal(text(el.querySelector('blockquote.justification')), 'because');
  });

  it('falls back to the key when there is no title, and says when there is no value', async () => {
    const el = await renderAnnotation(page, { type: 'integer' });
    assert.equal(text(el.querySelector('.ann-title')), 'the_key');
    assert.match(text(el.querySelector('.ann-value')), /No value/);
  });

  it('boolean: a check or a cross', async () => {
    let el = await renderAnnotation(page, { type: 'boolean', value: true, possible_values: [true, false] });
    assert.ok(el.querySelector('.bool-yes .codicon-check'));
    assert.equal(text(el.querySelector('.bool')), 'Yes');
    el = await renderAnnotation(page, { type: 'boolean', value: false });
    assert.ok(el.querySelector('.bool-no .codicon-close'));
  });

  it('integer: "3 · Good" on a scale of dots lined up with labels', async () => {
    const el = await renderAnnotation(page, {
      type: 'integer',
      labels: ['Poor', 'Okay', 'Good'],
      value: 3,
      possible_values: [1, 2, 3],
      justification: 'Follows all constraints.',
    });
    assert.equal(text(el.querySelector('.int-value')), '3 · Good');
    const steps = all(el, '.scale .step');
    assert.deepEqual(
      steps.map((s) => text(s)),
      ['1 · Poor', '2 · Okay', '3 · Good'],
    );
    assert.deepEqual(
      steps.map((s) => s.classList.contains('chosen')),
      [false, false, true],
    );
    assert.equal(all(el, '.step.filled').length, 3);
    assert.equal(el.querySelector('.ann-labels'), null, 'labels shown on the scale, not repeated');
    assert.equal(text(el.querySelector('.justification')), 'Follows all constraints.');
  });

  it('integer: a value of the wrong type is still shown', async () => {
    const el = await renderAnnotation(page, { type: 'integer', value: 'three' });
    assert.match(text(el.querySelector('.ann-value')), /three/);
  });

  it('text: a quote', async () => {
    const el = await renderAnnotation(page, { type: 'text', value: 'def f():\n    pass' });
    assert.equal(el.querySelector('.ann-value blockquote.quote')?.textContent, 'def f():\n    pass');
  });

  it('category: chips with the chosen one highlighted among possible values', async () => {
    const el = await renderAnnotation(page, {
      type: 'category',
      labels: ['Coding', 'Math', 'Other'],
      value: 'Math',
      possible_values: ['Coding', 'Math', 'Other'],
    });
    const chips = all(el, '.options .chip');
    assert.deepEqual(
      chips.map((c) => text(c).replace(' (chosen)', '')),
      ['Coding', 'Math', 'Other'],
    );
    assert.deepEqual(
      chips.map((c) => c.classList.contains('chosen')),
      [false, true, false],
    );
    assert.equal(all(el, '[aria-current="true"]').length, 1);
  });

  it('category: a chosen value outside the possible values is shown and marked', async () => {
    const el = await renderAnnotation(page, { type: 'category', value: 'Poetry', possible_values: ['Coding', 'Math'] });
    const outside = el.querySelector('.chip.chosen.outside');
    assert.ok(outside);
    assert.match(text(outside), /Poetry/);
  });

  it('category_multiple: every chosen value highlighted', async () => {
    const el = await renderAnnotation(page, {
      type: 'category_multiple',
      value: ['Missing docstring', 'Verbose'],
      possible_values: ['Missing docstring', 'Verbose', 'Incorrect'],
    });
    assert.deepEqual(
      all(el, '.options .chip').map((c) => c.classList.contains('chosen')),
      [true, true, false],
    );
  });

  it('labeled_text: spans with their labels', async () => {
    const el = await renderAnnotation(page, {
      type: 'labeled_text',
      value: [{ label: 'bug', text: 'prev.next = head' }, { text: 'no label' }],
    });
    const spans = all(el, '.labeled-span');
    assert.equal(spans.length, 2);
    assert.equal(text(spans[0].querySelector('mark')), 'prev.next = head');
    assert.equal(text(spans[0].querySelector('.span-label')), 'bug');
    assert.equal(spans[1].querySelector('.span-label'), null);
  });

  it('ranked_choices: an ordered list with the first marked', async () => {
    const el = await renderAnnotation(page, { type: 'ranked_choices', value: ['model_b', 'model_a', 'model_c'] });
    const items = all(el, '.ranking .rank');
    assert.deepEqual(
      items.map((i) => text(i.querySelector('.rank-item'))),
      ['model_b', 'model_a', 'model_c'],
    );
    assert.ok(items[0].classList.contains('first'));
    assert.match(text(items[0]), /1st/);
    assert.ok(!items[1].classList.contains('first'));
  });

  it('ranked_groups: tiers with ties', async () => {
    const el = await renderAnnotation(page, { type: 'ranked_groups', value: [['model_b'], ['model_a', 'model_c']] });
    const tiers = all(el, '.tiers .tier');
    assert.equal(tiers.length, 2);
    assert.ok(tiers[0].classList.contains('first'));
    assert.deepEqual(all(tiers[1], '.chip').map(text), ['model_a', 'model_c']);
    assert.equal(all(tiers[1], '.chip.tied').length, 2);
  });

  it('rubric_criteria: weight and extra properties', async () => {
    const el = await renderAnnotation(page, { type: 'rubric_criteria', value: { weight: 6, note: 'must compile' } });
    assert.equal(text(el.querySelector('.weight')), 'Weight 6');
    assert.match(text(el.querySelector('.kv')), /note\s*must compile/);
  });

  it('rubric_rating: score, colour, justification and the criterion it rates', async () => {
    const el = await renderAnnotation(page, {
      type: 'rubric_rating',
      metadata: { criteria: 'an_crit_1' },
      value: { score: 1, color: 'green', justification: 'Compiles.' },
    });
    assert.equal(text(el.querySelector('.score')), 'Score 1');
    assert.ok(el.querySelector('.rating-color.rating-green'));
    assert.equal(text(el.querySelector('.ann-value .justification')), 'Compiles.');
    assert.match(text(el.querySelector('.ann-criteria')), /an_crit_1/);
  });

  it('file: file chips for a list and for a single file', async () => {
    let el = await renderAnnotation(page, {
      type: 'file',
      value: [{ mime_type: 'text/x-python', scale_url: 'https://scale-files.example/f/test.py', name: 'test_reverse.py' }],
    });
    assert.equal(text(el.querySelector('.file-chip .file-name')), 'test_reverse.py');
    assert.equal(el.querySelector('.file-chip a')?.getAttribute('href'), 'https://scale-files.example/f/test.py');
    assert.match(text(el.querySelector('.file-meta')), /text\/x-python/);
    el = await renderAnnotation(page, { type: 'file', value: { name: 'one.txt', mime_type: 'text/plain', content: 'aGVsbG8=' } });
    assert.equal(all(el, '.file-chip').length, 1);
    assert.match(text(el.querySelector('.file-meta')), /5 B/);
  });

  it('workspace_container: streams and files; token masked until revealed', async () => {
    const value = {
      workspace_id: 'ws_123',
      workspace_config: {
        workspace_id: 'ws_123',
        workspace_url: 'https://ws.example/123',
        workspace_token: 'sekrit-token-42',
        expires_at: '2030-01-01T00:00:00Z',
        inactivity_freeze_time: 600,
      },
      output_files: [{ file_name: 'out.txt', scale_url: 'https://scale-files.example/f/out.txt', file_language: 'text' }],
      stdout_output: { content: 'All tests passed', scale_url: 'https://scale-files.example/f/stdout.txt' },
      stderr_output: { content: 'warning: x' },
      last_code_run_event: { exit_code: 0, token: 'another-secret' },
    };
    let el = await renderAnnotation(page, { type: 'workspace_container', value });
    assert.ok(!page.text().includes('sekrit-token-42'), 'token not in the DOM');
    assert.ok(!page.text().includes('another-secret'), 'secret-looking keys masked');
    assert.ok(el.querySelector('.masked'));
    const stdout = all(el, '.stream').find((s) => text(s.querySelector('.stream-name')) === 'stdout');
    assert.equal(stdout?.querySelector('.stream-body')?.textContent, 'All tests passed');
    assert.ok(el.querySelector('.stream.stderr'));
    assert.equal(text(el.querySelector('.output-file .file-name')), 'out.txt');
    const reveal = el.querySelector('[data-action="reveal-secrets"]') as HTMLElement;
    reveal.click();
    assert.deepEqual(
      page.posted.filter((m) => m.type === 'revealSecrets'),
      [{ type: 'revealSecrets' }],
    );

    el = await renderAnnotation(page, { type: 'workspace_container', value }, { revealSecrets: true });
    assert.equal(text(el.querySelector('.secret.revealed')), 'sekrit-token-42');
  });

  it('unknown type: a readable key/value view of its value', async () => {
    const el = await renderAnnotation(page, {
      type: 'video_timestamp',
      title: 'When',
      value: { start: 1.5, end: 3, tags: ['intro', 'music'] },
    });
    assert.ok(el.classList.contains('ann-unknown'));
    assert.match(text(el.querySelector('.ann-type')), /video_timestamp/);
    const kv = el.querySelector('.ann-value table.kv');
    assert.ok(kv);
    assert.match(text(kv), /start\s*1\.5/);
    assert.match(text(kv), /intro/);
    assert.match(text(kv), /music/);
  });

  it('bare annotations (no annotation_details): key and value', async () => {
    const el = await renderAnnotation(page, { id: undefined, key: 'instruction_following', value: 3 });
    assert.equal(text(el.querySelector('.ann-title')), 'instruction_following');
    assert.equal(text(el.querySelector('.ann-value')), '3');
  });
});
