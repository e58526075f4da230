/**
 * The CLI as someone installs it: `npm pack` of this package, `npm install -g` of the tarball into
 * a fresh prefix with no network (`--offline`: the bundle must need nothing from the registry), and
 * the installed `task-lens` run from a folder with no node_modules around it. The same package.json
 * drives the VSIX, so what vsce packs is checked here too (the extension's bundles, not the CLI).
 */
import { strict as assert } from 'node:assert';
import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { startEmulator, type Emulator } from '../emulator/server';
import { runCli } from './support/cliProcess';

const run = promisify(execFile);
const root = resolve('.');
const KEY = 'install-KEY-2b7f0c';
const NPM = process.platform === 'win32' ? 'npm.cmd' : 'npm';

interface PackedFile {
  readonly path: string;
}

describe('installing the CLI from the packed tarball', function () {
  this.timeout(180_000);
  let scratch: string;
  let emulator: Emulator;
  let tarball: string;
  let packed: readonly string[];

  before(async () => {
    scratch = mkdtempSync(join(tmpdir(), 'task-lens-install-'));
    emulator = await startEmulator({ apiKey: KEY });
    // `npm test` builds first; on its own this test builds the bundles the same way.
    if (!existsSync(join(root, 'dist', 'cli.js'))) await run(process.execPath, ['esbuild.mjs'], { cwd: root });
    // --ignore-scripts: the prepack release build would replace the bundles the other tests use.
    const { stdout } = await run(NPM, ['pack', '--ignore-scripts', '--json', '--pack-destination', scratch], { cwd: root });
    const [result] = JSON.parse(stdout) as Array<{ filename: string; files: PackedFile[] }>;
    assert.ok(result, stdout);
    tarball = join(scratch, result.filename);
    packed = result.files.map((f) => f.path).sort();
  });
  after(async () => {
    await emulator?.close();
    if (scratch) rmSync(scratch, { recursive: true, force: true });
  });

  it('packs the CLI bundle with its shebang and nothing of the extension', () => {
    assert.deepEqual(packed, ['CHANGELOG.md', 'LICENSE', 'README.md', 'dist/cli.js', 'package.json']);
    assert.match(readFileSync(join(root, 'dist', 'cli.js'), 'utf8'), /^#!\/usr\/bin\/env node\n/);
    const manifest = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as Record<string, unknown>;
    assert.deepEqual(manifest.bin, { 'task-lens': './dist/cli.js' });
    // Everything is bundled: nothing for npm to fetch when the CLI is installed.
    assert.equal(manifest.dependencies, undefined);
  });

  it('installs offline into a fresh prefix as a working task-lens', async () => {
    const prefix = join(scratch, 'prefix');
    await run(NPM, ['install', '-g', '--offline', '--no-audit', '--no-fund', '--prefix', prefix, tarball], { cwd: scratch });
    const bin = process.platform === 'win32' ? join(prefix, 'task-lens.cmd') : join(prefix, 'bin', 'task-lens');
    assert.ok(existsSync(bin), `no ${bin}`);
    if (process.platform !== 'win32') {
      assert.deepEqual(readdirSync(join(prefix, 'lib', 'node_modules')), ['task-lens'], 'the install brought other packages along');
    }
    // The bin itself (its shebang), installed under a temp folder: no node_modules of this repository can resolve its imports.
    const version = await runCli(bin, ['--version'], {}, { direct: true });
    assert.deepEqual([version.code, version.stdout], [0, '0.1.0\n'], version.stderr);
    const help = await runCli(bin, ['help'], {}, { direct: true });
    assert.equal(help.code, 0, help.stderr);
    const projects = await runCli(bin, ['projects'], { SCALE_API_KEY: KEY, SCALE_BASE_URL: emulator.url }, { direct: true });
    assert.equal(projects.code, 0, projects.stderr);
    assert.equal(projects.stdout.trimEnd().split('\n').length, 6);
  });

  it('leaves the VSIX to the extension: its bundles, not the CLI', async () => {
    const vsce = join(root, 'node_modules', '.bin', 'vsce');
    // vsce refuses a package.json "files" field beside .vscodeignore: packing proves neither is in the other's way.
    await run(vsce, ['package', '--no-dependencies', '--out', join(scratch, 'task-lens.vsix')], { cwd: root });
    const { stdout } = await run(vsce, ['ls', '--no-dependencies'], { cwd: root });
    const files = stdout.split('\n').filter(Boolean);
    for (const bundle of ['dist/extension.js', 'dist/webview.js', 'dist/report.js', 'dist/export.js', 'package.json', 'CHANGELOG.md']) {
      assert.ok(files.includes(bundle), `${bundle} is not in the VSIX: ${files.join(', ')}`);
    }
    assert.ok(!files.includes('dist/cli.js'), 'the CLI went into the VSIX');
  });
});
