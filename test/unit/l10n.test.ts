import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { formatNumber, relativeTime, setDisplayLocale, shortDate, utc } from '../../src/shared/format';
import { isHostToExplorer } from '../../src/shared/explorerProtocol';
import { isHostToPage } from '../../src/shared/protocol';
import { isHostToReport } from '../../src/shared/reportProtocol';
import { et } from '../../src/webview/explorer/strings';
import { lt } from '../../src/webview/livepeer/strings';
import { rt } from '../../src/webview/report/strings';
import { applyPageStrings, PAGE_STRING_TABLES, pageStringTables } from '../../src/webview/pageStrings';
import { t } from '../../src/webview/shell/strings';

const root = path.resolve(import.meta.dirname, '..', '..');

describe('l10n', () => {
  afterEach(() => {
    setDisplayLocale(undefined);
    applyPageStrings({});
  });

  it('formats numbers in the display language, and falls back for a tag Intl does not know', () => {
    setDisplayLocale('de-DE');
    assert.equal(formatNumber(1234567), '1.234.567');
    setDisplayLocale('en-US');
    assert.equal(formatNumber(1234567), '1,234,567');
    setDisplayLocale('qps-ploc');
    assert.equal(formatNumber(1234567), new Intl.NumberFormat(undefined).format(1234567));
    setDisplayLocale('not a locale!');
    assert.equal(formatNumber(1234567), new Intl.NumberFormat(undefined).format(1234567));
  });

  it('setting the display language asks Intl nothing: the locale is checked on the first number (activation stays light)', () => {
    const original = Intl.NumberFormat.supportedLocalesOf;
    let asked = 0;
    Intl.NumberFormat.supportedLocalesOf = (...args: Parameters<typeof original>) => (asked++, original(...args));
    try {
      setDisplayLocale('de-DE');
      assert.equal(asked, 0);
      assert.equal(formatNumber(12345), '12.345');
      assert.equal(formatNumber(67890), '67.890');
      assert.equal(asked, 1, 'checked once');
    } finally {
      Intl.NumberFormat.supportedLocalesOf = original;
    }
  });

  it('formats dates in the display language (UTC), and keeps ISO without one (the CLI)', () => {
    const ms = Date.UTC(2025, 4, 21, 14, 42, 7);
    assert.equal(shortDate(ms), '2025-05-21 14:42');
    assert.equal(utc(ms), '2025-05-21 14:42:07 UTC');
    setDisplayLocale('de-DE');
    // Written out by hand: German medium date, 24-hour time, in UTC.
    assert.equal(shortDate(ms), '21.05.2025, 14:42');
    assert.equal(shortDate('2025-05-21T14:42:07Z'), '21.05.2025, 14:42');
    assert.equal(utc(ms), '21.05.2025, 14:42:07 UTC');
    assert.equal(relativeTime(ms - 3 * 24 * 3600 * 1000, ms), 'vor 3 Tagen');
    setDisplayLocale(undefined);
    assert.equal(shortDate(ms), '2025-05-21 14:42');
  });

  it('the page takes the host’s strings for known keys only', () => {
    applyPageStrings({
      shell: { copyId: 'ID kopieren', notAKey: 'x' },
      livepeer: { typeClip: 'Ausschnitt' },
      explorer: { columns: 'Spalten' },
      report: { cancel: 'Abbrechen' },
    });
    assert.equal(t('copyId'), 'ID kopieren');
    assert.equal(t('openJson'), 'Open JSON', 'a key the host did not send stays English');
    assert.equal(lt('typeClip'), 'Ausschnitt');
    assert.equal(et('columns'), 'Spalten');
    assert.equal(rt('cancel'), 'Abbrechen');
    assert.equal(et('countOfTotal', '3', '9'), '3 of 9 tasks', 'a key the host did not send stays English, with its arguments');
    assert.ok(!('notAKey' in pageStringTables().shell));
  });

  it('validates the strings message', () => {
    assert.ok(isHostToPage({ type: 'strings', locale: 'de', tables: { shell: { copyId: 'x' } } }));
    assert.ok(!isHostToPage({ type: 'strings', locale: 'de', tables: { shell: { copyId: 7 } } }));
    assert.ok(!isHostToPage({ type: 'strings', locale: 5, tables: {} }));
    assert.ok(!isHostToPage({ type: 'strings', locale: 'de', tables: { shell: { copyId: 'x'.repeat(2001) } } }));
    // The explorer and the report take the same message, validated the same way.
    assert.ok(isHostToExplorer({ type: 'strings', locale: 'de', tables: { explorer: { columns: 'x' } } }));
    assert.ok(!isHostToExplorer({ type: 'strings', locale: 'de', tables: { explorer: { columns: 7 } } }));
    assert.ok(isHostToReport({ type: 'strings', locale: 'de', tables: { report: { cancel: 'x' } } }));
    assert.ok(!isHostToReport({ type: 'strings', locale: 5, tables: {} }));
  });

  it('the committed bundle holds every page string and package.json points at it', () => {
    const manifest = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8')) as { l10n?: string };
    assert.equal(manifest.l10n, './l10n');
    const bundle = JSON.parse(readFileSync(path.join(root, 'l10n', 'bundle.l10n.json'), 'utf8')) as Record<string, unknown>;
    for (const table of PAGE_STRING_TABLES) for (const text of Object.values(table)) assert.ok(text in bundle, `missing: ${text}`);
    assert.ok('Copied a link to task {0}' in bundle, 'the vscode.l10n.t calls are extracted');
    for (const core of ['Task ID', '{0} tasks · delivered {1}', 'Server said: “{0}”', '{0} {1}; retrying in {2} (attempt {3})…'])
      assert.ok(core in bundle, `core's l10n.t calls are extracted: ${core}`);
  });
});
