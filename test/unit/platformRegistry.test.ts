import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { CONNECTION_KINDS } from '../../src/core/platform/connection';
import { PLATFORMS } from '../../src/core/platform/registry';

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const p = path.join(dir, name);
    return statSync(p).isDirectory() ? sourceFiles(p) : p.endsWith('.ts') ? [p] : [];
  });
}

describe('platform registry', () => {
  it('lists each platform once, and the settings schema offers exactly those kinds', () => {
    const kinds = PLATFORMS.map((p) => p.kind);
    assert.equal(new Set(kinds).size, kinds.length);
    assert.deepEqual(CONNECTION_KINDS, kinds);
    const manifest = JSON.parse(readFileSync('package.json', 'utf8')) as {
      contributes: { configuration: { properties: Record<string, { items?: { properties: { kind: { enum: string[] } } } }> } };
    };
    assert.deepEqual(manifest.contributes.configuration.properties['taskLens.connections'].items?.properties.kind.enum, kinds);
  });

  it('keeps every default base URL, platform name and key variable in its descriptor only', () => {
    const files = sourceFiles('src').map((f) => ({ f, text: readFileSync(f, 'utf8') }));
    for (const p of PLATFORMS) {
      for (const fact of [p.defaultBaseUrl, p.displayName, p.keyEnvVar, p.baseUrlEnvVar]) {
        const holders = files.filter(({ text }) => text.includes(`'${fact}'`) || text.includes(`"${fact}"`)).map(({ f }) => f);
        assert.deepEqual(holders, [path.join('src', 'core', p.kind, 'descriptor.ts')], `${fact} is written in ${holders.join(', ')}`);
      }
    }
  });
});
