/** workspace_token and its kind: redacted in every output unless the person asks to keep it. */
import { strict as assert } from 'node:assert';
import { readFileSync, readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { REDACTED_MARKER, redactTaskSecrets, redactTaskSecretsInJson } from '../../src/core/secrets/taskSecrets';
import { SCALE_FIXTURES as F } from '../emulator/scale/catalog';
import { startEmulator, type Emulator } from '../emulator/server';
import { buildCli, runCli } from './support/cliProcess';

const KEY = 'sec-KEY-91c0a7d2';
const TOKEN = /wst_SECRET_\d+/;

describe('task secrets (workspace_token)', function () {
  this.timeout(60_000);

  const task = {
    task_id: 't1',
    big: 1234567890,
    threads: [{ annotations: [{ value: { workspace_config: { workspace_id: 'w', workspace_token: 'wst_SECRET_1', expires_at: 'x' } } }] }],
    note: 'the text "workspace_token": "not a field" stays',
  };

  it('replaces the token in an object, keeping key order and leaving the input alone', () => {
    const redacted = redactTaskSecrets(task);
    const config = redacted.threads[0]?.annotations[0]?.value.workspace_config;
    assert.deepEqual(Object.keys(config ?? {}), ['workspace_id', 'workspace_token', 'expires_at']);
    assert.equal(config?.workspace_token, REDACTED_MARKER);
    assert.equal(task.threads[0]?.annotations[0]?.value.workspace_config.workspace_token, 'wst_SECRET_1');
    assert.equal(redacted.note, task.note);
    const plain = { a: 1, b: [{ c: 'd' }] };
    assert.equal(redactTaskSecrets(plain), plain, 'copied a task with nothing to redact');
  });

  it('replaces the token in JSON text, keeping every other character', () => {
    const text = `{"task_id": "t1", "big": 12345678901234567890,\n  "cfg": { "workspace_token" :\n "wst_SECRET_2\\"x", "n": 1},\n "note": "\\"workspace_token\\": \\"stays\\"", "workspace\\u005ftoken": "wst_SECRET_3"}`;
    const out = redactTaskSecretsInJson(text);
    assert.doesNotMatch(out, TOKEN);
    assert.equal(
      out,
      `{"task_id": "t1", "big": 12345678901234567890,\n  "cfg": { "workspace_token" :\n "${REDACTED_MARKER}", "n": 1},\n "note": "\\"workspace_token\\": \\"stays\\"", "workspace\\u005ftoken": "${REDACTED_MARKER}"}`,
    );
    const none = '{"a":"b"}';
    assert.equal(redactTaskSecretsInJson(none), none);
  });

  describe('in the CLI', () => {
    let emulator: Emulator;
    let cliPath: string;
    const out = 'out/test-cli-secrets/data';
    before(async () => {
      cliPath = await buildCli('out/test-cli-secrets');
      emulator = await startEmulator({ apiKey: KEY });
    });
    after(() => emulator?.close());
    beforeEach(() => rmSync(out, { recursive: true, force: true }));
    const cli = (args: string[]) => runCli(cliPath, args, { SCALE_API_KEY: KEY, SCALE_BASE_URL: emulator.url });

    it('task prints the token redacted, and kept with --keep-secrets', async () => {
      const run = await cli(['task', F.tasks.kitchenSink]);
      assert.equal(run.code, 0, run.stderr);
      assert.doesNotMatch(run.stdout, TOKEN);
      assert.ok(run.stdout.includes(REDACTED_MARKER));
      const kept = await cli(['--keep-secrets', 'task', F.tasks.kitchenSink]);
      assert.match(kept.stdout, TOKEN);
    });

    it('tasks prints the token redacted', async () => {
      const run = await cli(['tasks', '--batch', F.batches.showcase.name]);
      assert.equal(run.code, 0, run.stderr);
      assert.doesNotMatch(run.stdout, TOKEN);
    });

    function downloaded(): string {
      const files: string[] = [];
      const walk = (dir: string): void => {
        for (const entry of readdirSync(dir, { withFileTypes: true })) {
          if (entry.isDirectory()) walk(join(dir, entry.name));
          else files.push(join(dir, entry.name));
        }
      };
      walk(out);
      return files.map((file) => readFileSync(file, 'utf8')).join('\n');
    }

    it('download writes the token redacted, and kept with --keep-secrets', async () => {
      const run = await cli(['download', 'batch', '--batch', F.batches.showcase.name, '--out', out]);
      assert.equal(run.code, 0, run.stderr);
      const text = downloaded();
      assert.doesNotMatch(text, TOKEN);
      assert.ok(text.includes(REDACTED_MARKER));
      rmSync(out, { recursive: true, force: true });
      const kept = await cli(['download', 'batch', '--batch', F.batches.showcase.name, '--out', out, '--keep-secrets']);
      assert.equal(kept.code, 0, kept.stderr);
      assert.match(downloaded(), TOKEN);
    });
  });
});
