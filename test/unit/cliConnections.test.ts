/**
 * `--connection NAME` from the connections file (the shape of the `taskLens.connections` setting),
 * keys from the environment: the bundled CLI as a subprocess against the emulator, and the file's
 * location and validation in core.
 */
import { strict as assert } from 'node:assert';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { connectionsFilePath, readConnectionsFile } from '../../src/core/platform/connectionsFile';
import { startEmulator, type Emulator } from '../emulator/server';
import { buildCli, runCli, type CliRun } from './support/cliProcess';
import { livepeerBaseUrl } from './support/livepeer';

const KEY = 'connections-KEY-93d1a7';

describe('connections file', () => {
  describe('where it is and what it holds (core)', () => {
    it('TASK_LENS_CONFIG, then XDG_CONFIG_HOME, then ~/.config', () => {
      const home = '/home/ada';
      assert.equal(connectionsFilePath({ env: { TASK_LENS_CONFIG: '/etc/tl.json' }, home, platform: 'linux' }), '/etc/tl.json');
      assert.equal(connectionsFilePath({ env: { XDG_CONFIG_HOME: '/xdg' }, home, platform: 'linux' }), '/xdg/task-lens/connections.json');
      // A relative XDG_CONFIG_HOME is invalid by the spec and ignored.
      assert.equal(
        connectionsFilePath({ env: { XDG_CONFIG_HOME: 'rel' }, home, platform: 'linux' }),
        '/home/ada/.config/task-lens/connections.json',
      );
      assert.equal(connectionsFilePath({ env: {}, home, platform: 'darwin' }), '/home/ada/.config/task-lens/connections.json');
    });

    it('reads the setting’s list (or {"connections": [...]}), reporting bad entries without dropping good ones', async () => {
      const dir = mkdtempSync(join(tmpdir(), 'task-lens-conn-core-'));
      try {
        const file = join(dir, 'c.json');
        writeFileSync(
          file,
          JSON.stringify({
            connections: [
              { name: 'a', kind: 'scale', baseUrl: 'https://api.example.test/' },
              { name: 'b', kind: 'nope', baseUrl: 'https://x.test' },
            ],
          }),
        );
        const read = await readConnectionsFile(file);
        assert.equal(read.state, 'ok');
        if (read.state !== 'ok') return;
        assert.deepEqual(read.valid, [{ name: 'a', kind: 'scale', baseUrl: 'https://api.example.test' }]);
        assert.equal(read.problems.length, 1);
        assert.match(read.problems[0] ?? '', /entry 2 \(b\): "kind" must be one of scale, livepeer/);
        writeFileSync(file, '[{"name": ');
        assert.deepEqual(await readConnectionsFile(file), { state: 'unreadable', path: file, problem: 'it is not valid JSON' });
        assert.equal((await readConnectionsFile(join(dir, 'none.json'))).state, 'missing');
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    });
  });

  describe('task-lens --connection (bundled, as a subprocess)', function () {
    this.timeout(30_000);
    let emulator: Emulator;
    let cliPath: string;
    let scratch: string;
    let file: string;

    before(async () => {
      cliPath = await buildCli('out/test-cli-connections');
      emulator = await startEmulator({ apiKey: KEY });
      scratch = mkdtempSync(join(tmpdir(), 'task-lens-connections-'));
      file = join(scratch, 'connections.json');
      writeFileSync(
        file,
        JSON.stringify([
          { name: 'emu', kind: 'scale', baseUrl: emulator.url, apiKeyEnv: 'TASKLENS_EMU_KEY' },
          { name: 'video', kind: 'livepeer', baseUrl: livepeerBaseUrl(emulator) },
          { name: 'broken', kind: 'scale', baseUrl: 'not a url' },
        ]),
      );
    });
    after(async () => {
      await emulator?.close();
      if (scratch) rmSync(scratch, { recursive: true, force: true });
    });

    // No SCALE_BASE_URL, no SCALE_API_KEY: everything comes from the connection and its variable.
    const cli = (args: string[], env: Record<string, string | undefined> = {}): Promise<CliRun> =>
      runCli(cliPath, args, { TASK_LENS_CONFIG: file, HOME: scratch, ...env });

    it('takes the base URL from the connection and the key from its apiKeyEnv', async () => {
      const run = await cli(['--connection', 'emu', 'projects'], { TASKLENS_EMU_KEY: KEY });
      assert.equal(run.code, 0, run.stderr);
      assert.equal(run.stdout.trimEnd().split('\n').length, 6);
      const missingKey = await cli(['--connection', 'emu', 'projects'], { SCALE_API_KEY: KEY });
      assert.equal(missingKey.code, 1);
      assert.match(missingKey.stderr, /TASKLENS_EMU_KEY is not set \(the key of the connection “emu”\)/);
    });

    it('a connection without apiKeyEnv reads the platform’s variable; --base-url still wins', async () => {
      const run = await cli(['livepeer', 'tasks', '--limit', '2', '--connection', 'video'], { LIVEPEER_API_KEY: KEY });
      assert.equal(run.code, 0, run.stderr);
      assert.equal(run.stdout.trimEnd().split('\n').length, 2);
      const elsewhere = await cli(['--connection', 'emu', '--base-url', `${emulator.url}/elsewhere`, 'projects'], {
        TASKLENS_EMU_KEY: KEY,
      });
      assert.equal(elsewhere.code, 1);
      assert.match(elsewhere.stderr, /Not found \(404\): GET \/elsewhere\/v2\/projects/);
    });

    it('says what is wrong: an unknown name, the wrong kind, no file', async () => {
      const unknown = await cli(['--connection', 'prod', 'projects'], { SCALE_API_KEY: KEY });
      assert.equal(unknown.code, 1);
      assert.match(unknown.stderr, /no connection named “prod” in .*connections\.json \(it has “emu”, “video”\)/);
      assert.match(unknown.stderr, /entry 3 \(broken\): "baseUrl" must be an http\(s\) URL/);
      const kind = await cli(['--connection', 'video', 'projects'], { LIVEPEER_API_KEY: KEY });
      assert.equal(kind.code, 2);
      assert.match(kind.stderr, /“video” is a livepeer connection; this command needs a scale one \(Livepeer commands are under/);
      const none = await cli(['--connection', 'emu', 'projects'], { TASK_LENS_CONFIG: join(scratch, 'missing.json') });
      assert.equal(none.code, 1);
      assert.match(none.stderr, /no connections file at .*missing\.json.*create it with a list like \[\{"name": "prod"/);
    });

    it('finds the file under XDG_CONFIG_HOME, and `connections` lists it with where each key comes from', async () => {
      const xdg = join(scratch, 'xdg');
      mkdirSync(join(xdg, 'task-lens'), { recursive: true });
      writeFileSync(
        join(xdg, 'task-lens', 'connections.json'),
        JSON.stringify([{ name: 'emu', kind: 'scale', baseUrl: emulator.url }, { name: 'bad' }]),
      );
      const env = { TASK_LENS_CONFIG: undefined, XDG_CONFIG_HOME: xdg, SCALE_API_KEY: KEY };
      const run = await cli(['--connection', 'emu', 'deliveries', '--project', 'Bulk Deliveries'], env);
      assert.equal(run.code, 0, run.stderr);
      const listed = await cli(['connections'], env);
      assert.equal(listed.code, 0, listed.stderr);
      assert.deepEqual(JSON.parse(listed.stdout), {
        name: 'emu',
        kind: 'scale',
        baseUrl: emulator.url,
        keyEnv: 'SCALE_API_KEY',
        keySet: true,
      });
      assert.match(listed.stderr, /^task-lens: warning: .*entry 2 \(bad\): "kind" must be one of scale, livepeer\./m);
      assert.ok(!listed.stdout.includes(KEY) && !listed.stderr.includes(KEY), 'a key was printed');
    });
  });
});
