import { strict as assert } from 'node:assert';
import { isAllowedLinkUrl } from '../../../src/shared/links';
import { PAGE_COMMANDS, isHostToPage, isPageToHost } from '../../../src/shared/protocol';

const context = { connectionName: 'c', platform: 'scale', pinned: false, revealSecrets: false };

describe('webview protocol', () => {
  it('accepts every host → page message and rejects malformed ones', () => {
    assert.ok(isHostToPage({ type: 'render', task: {}, context }));
    assert.ok(
      isHostToPage({ type: 'render', task: null, context: { ...context, platform: 'livepeer', projectName: 'p', batchName: null } }),
    );
    assert.ok(isHostToPage({ type: 'loading' }));
    assert.ok(isHostToPage({ type: 'error', message: 'boom' }));
    for (const bad of [
      null,
      'render',
      [],
      {},
      { type: 'render', context },
      { type: 'render', task: {} },
      { type: 'render', task: {}, context: { ...context, pinned: 'yes' } },
      { type: 'render', task: {}, context: { ...context, projectName: 3 } },
      { type: 'error' },
      { type: 'error', message: 1 },
      { type: 'eval', code: '1' },
    ]) {
      assert.equal(isHostToPage(bad), false, JSON.stringify(bad));
    }
  });

  it('accepts every page → host message and rejects malformed ones', () => {
    for (const ok of [
      { type: 'ready' },
      { type: 'revealSecrets' },
      { type: 'openLink', url: 'https://x' },
      { type: 'copy', text: '' },
      ...PAGE_COMMANDS.map((name) => ({ type: 'command', name })),
      { type: 'rendered', ms: 0, phase: 'first' },
      { type: 'rendered', ms: 12.5, phase: 'complete' },
    ]) {
      assert.ok(isPageToHost(ok), JSON.stringify(ok));
    }
    for (const bad of [
      null,
      { type: 'openLink' },
      { type: 'copy', text: 1 },
      { type: 'command', name: 'rm -rf' },
      { type: 'command', name: 'constructor' },
      { type: 'rendered', ms: -1, phase: 'first' },
      { type: 'rendered', ms: Number.NaN, phase: 'first' },
      { type: 'rendered', ms: 1, phase: 'half' },
      { type: 'navigate' },
    ]) {
      assert.equal(isPageToHost(bad), false, JSON.stringify(bad));
    }
  });

  it('allows only http, https and mailto links', () => {
    for (const ok of ['https://example.com', 'http://a.b/c?d#e', 'HTTPS://EXAMPLE.COM', 'mailto:a@b.c'])
      assert.ok(isAllowedLinkUrl(ok), ok);
    for (const bad of [
      'javascript:alert(1)',
      'JaVaScRiPt:alert(1)',
      ' javascript:x',
      'java\tscript:x',
      'data:text/html,x',
      'vbscript:x',
      'file:///etc/passwd',
      '//evil.example',
      '/relative',
      '#frag',
      'https://a.b/\u202Ex',
      'https://a\u200B.b',
      'https:///x',
      '',
      'https://a b',
    ]) {
      assert.equal(isAllowedLinkUrl(bad), false, JSON.stringify(bad));
    }
  });
});
