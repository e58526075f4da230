import * as assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { mkdir, symlink, writeFile } from 'node:fs/promises';
import * as path from 'node:path';
import { isPathInside, joinInside, MAX_NAME_BYTES, resolveInside, sanitizeFileName, UnsafePathError } from '../../src/core/fileNames';
import { SCALE_FIXTURES } from '../emulator/scale/catalog';
import { removeTempRoots, tempRoot } from './support/downloadHelpers';

const HOSTILE_NAMES: readonly string[] = [
  SCALE_FIXTURES.projects.hostile.name,
  SCALE_FIXTURES.batches.hostile.name,
  SCALE_FIXTURES.deliveries.hostile.name,
  '../../x',
  '..\\..\\x',
  '/etc/passwd',
  'C:\\x',
  'C:x',
  '\\\\server\\share\\x',
  'CON',
  'con',
  'nul.txt',
  'LPT1',
  'COM9.jsonl',
  'com¹',
  'a/b',
  'a\\b',
  'a:b',
  'a_b-1234abcd',
  '..',
  '.',
  '...',
  '',
  ' ',
  '.hidden',
  'trailing.',
  'trailing ',
  'x'.repeat(300),
  'é'.repeat(300),
  '🌍'.repeat(300),
  'a\u0000b',
  'new\nline',
  'tab\there',
  'esc\u001b[31mred',
  '\u202Egnp.exe',
  'zero\u200bwidth',
  'lone \ud800 surrogate',
  'lone \udbff surrogate',
  'e\u0301', // "é" decomposed (NFD)
  '\u00e9', // "é" composed (NFC)
  '<>:"|?*',
];

describe('sanitizeFileName', () => {
  after(removeTempRoots);

  it('keeps ordinary names exactly as they are', () => {
    for (const name of [
      'Delivery 2500',
      'Batch 250',
      '2025-05-22 weekly delivery',
      'Evals – Safety (multilingual) 🌍',
      'Multilingual batch 🌍',
      'a.b.c',
      'x'.repeat(MAX_NAME_BYTES),
    ]) {
      assert.equal(sanitizeFileName(name), name);
    }
  });

  it('turns every hostile name into one safe path component', () => {
    const root = path.resolve('/downloads/root');
    for (const name of HOSTILE_NAMES) {
      const safe = sanitizeFileName(name);
      const shown = JSON.stringify(name);
      assert.ok(safe.length > 0, shown);
      assert.ok(!/[/\\<>:"|?*\u0000-\u001f\u007f-\u009f]/.test(safe), `${shown} → ${safe}`);
      assert.ok(!/[\u202a-\u202e\u2066-\u2069\u200b-\u200f]/.test(safe), `${shown} keeps an invisible formatting character`);
      assert.ok(!/^\.+$/.test(safe) && !safe.startsWith('.'), `${shown} → ${safe}`);
      assert.ok(!/[. ]$/.test(safe), `${shown} → trailing dot or space`);
      assert.ok(!/^(con|prn|aux|nul|com[0-9¹²³]|lpt[0-9¹²³])(\..*)?$/i.test(safe), `${shown} → reserved ${safe}`);
      assert.ok(Buffer.byteLength(safe, 'utf8') <= MAX_NAME_BYTES, `${shown} → ${Buffer.byteLength(safe)} bytes`);
      assert.equal(safe, safe.normalize('NFC'), shown);
      assert.equal(
        safe,
        safe.replace(/[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g, ''),
        `${shown} keeps a lone surrogate`,
      );
      assert.ok(!path.isAbsolute(safe), shown);
      assert.equal(path.dirname(path.join(root, safe)), root, `${shown} leaves the folder`);
      assert.equal(sanitizeFileName(name), safe, `${shown} is not stable`);
    }
  });

  it('gives names that collide after cleaning distinct names, suffixed with sha256 of the original', () => {
    const names = [...new Set(HOSTILE_NAMES)];
    const safe = names.map((name) => sanitizeFileName(name));
    assert.equal(new Set(safe).size, names.length, 'two different names share a file name');
    const suffix = (name: string): string => createHash('sha256').update(name, 'utf8').digest('hex').slice(0, 8);
    assert.equal(sanitizeFileName('a/b'), `a_b-${suffix('a/b')}`);
    assert.equal(sanitizeFileName('a:b'), `a_b-${suffix('a:b')}`);
    assert.equal(sanitizeFileName('CON'), `_CON-${suffix('CON')}`);
    assert.equal(sanitizeFileName(''), `_-${suffix('')}`);
    // A legal name that looks like another's sanitised form gets its own suffix.
    const impostor = sanitizeFileName('a/b');
    assert.notEqual(sanitizeFileName(impostor), impostor);
  });

  it('caps long names in UTF-8 bytes without splitting a character, keeping them distinct', () => {
    const a = sanitizeFileName(`${'🌍'.repeat(200)}a`);
    const b = sanitizeFileName(`${'🌍'.repeat(200)}b`);
    assert.notEqual(a, b);
    for (const name of [a, b]) {
      assert.ok(Buffer.byteLength(name) <= MAX_NAME_BYTES);
      assert.ok(!name.includes('\ufffd'));
      assert.match(name, /^(🌍)+-[0-9a-f]{8}$/u);
    }
    assert.ok(Buffer.byteLength(sanitizeFileName('CON.' + 'x'.repeat(300))) <= MAX_NAME_BYTES);
    assert.ok(Buffer.byteLength(sanitizeFileName('x'.repeat(300), { maxBytes: 40 })) <= 40);
  });
});

describe('resolveInside and joinInside', () => {
  after(removeTempRoots);

  it('joins paths inside the root and refuses those that leave it', async () => {
    const root = await tempRoot();
    assert.equal(await resolveInside(root, 'a', 'b.jsonl'), path.join(root, 'a', 'b.jsonl'));
    for (const segments of [['..', 'x'], ['a', '..', '..', 'x'], [path.resolve('/etc/passwd')], ['/tmp']]) {
      await assert.rejects(resolveInside(root, ...segments), UnsafePathError, segments.join(' '));
      assert.throws(() => joinInside(root, ...segments), UnsafePathError);
    }
    assert.ok(isPathInside(root, path.join(root, '..dots-are-fine')));
    assert.ok(!isPathInside(root, `${root}-sibling`));
  });

  it('refuses a symlink planted inside the root that points outside, or nowhere', async () => {
    const root = await tempRoot();
    const outside = await tempRoot();
    await symlink(outside, path.join(root, 'escape'), 'dir');
    await assert.rejects(
      resolveInside(root, 'escape', 'file.jsonl'),
      (error: unknown) => error instanceof UnsafePathError && /symbolic link/.test(error.message),
    );
    await assert.rejects(resolveInside(root, 'escape'), UnsafePathError);

    await mkdir(path.join(root, 'folder'));
    await symlink(path.join(outside, 'does-not-exist.jsonl'), path.join(root, 'folder', 'dangling.jsonl'));
    await assert.rejects(resolveInside(root, 'folder', 'dangling.jsonl'), UnsafePathError);

    await writeFile(path.join(outside, 'target'), 'x');
    await symlink(path.join(outside, 'target'), path.join(root, 'folder', 'file-link'));
    await assert.rejects(resolveInside(root, 'folder', 'file-link'), UnsafePathError);
  });

  it('accepts links that stay inside, and a root that is itself a link', async () => {
    const real = await tempRoot();
    await mkdir(path.join(real, 'inner'));
    await symlink(path.join(real, 'inner'), path.join(real, 'alias'), 'dir');
    assert.equal(await resolveInside(real, 'alias', 'x.jsonl'), path.join(real, 'alias', 'x.jsonl'));
    const holder = await tempRoot();
    const linkedRoot = path.join(holder, 'root-link');
    await symlink(real, linkedRoot, 'dir');
    assert.equal(await resolveInside(linkedRoot, 'inner', 'x.jsonl'), path.join(linkedRoot, 'inner', 'x.jsonl'));
  });
});
