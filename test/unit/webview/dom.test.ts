import { strict as assert } from 'node:assert';
import { JSDOM } from 'jsdom';
import { h, setDocument } from '../../../src/webview/shell/dom';

describe('webview dom helper', () => {
  before(() => setDocument(new JSDOM('').window.document));

  it('sets text as text', () => {
    const el = h('p', null, '<img src=x onerror=alert(1)>', 3);
    assert.equal(el.childElementCount, 0);
    assert.equal(el.textContent, '<img src=x onerror=alert(1)>3');
  });

  it('refuses event handlers, inline styles, unknown attributes and tags', () => {
    assert.throws(() => h('div', { onclick: 'x' }));
    assert.throws(() => h('div', { ONLOAD: 'x' }));
    assert.throws(() => h('div', { style: 'color:red' }));
    assert.throws(() => h('div', { srcdoc: 'x' }));
    assert.throws(() => h('script' as 'div'));
    assert.throws(() => h('iframe' as 'div'));
  });

  it('drops unsafe link and image URLs', () => {
    assert.equal(h('a', { href: 'javascript:alert(1)' }).hasAttribute('href'), false);
    assert.equal(h('a', { href: 'data:text/html,x' }).hasAttribute('href'), false);
    assert.equal(h('a', { href: 'https://example.com' }).getAttribute('href'), 'https://example.com');
    assert.equal(h('img', { src: 'https://example.com/a.png' }).hasAttribute('src'), false);
    assert.equal(h('img', { src: 'data:image/svg+xml;base64,PHN2Zy8+' }).hasAttribute('src'), false);
    assert.equal(h('img', { src: 'data:image/png;base64,iVBORw0KGgo=' }).getAttribute('src'), 'data:image/png;base64,iVBORw0KGgo=');
  });

  it('allows aria-* and data-* attributes with any value', () => {
    const el = h('span', { 'aria-label': '"><script>', 'data-x': '<b>' });
    assert.equal(el.getAttribute('aria-label'), '"><script>');
    assert.equal(el.getAttribute('data-x'), '<b>');
  });
});
