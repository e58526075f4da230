/**
 * The CLI's conventions as a user meets them (issue 17), run as a subprocess against the emulator:
 * help and version exit 0 however asked, enum flags are checked, retries and requests are told on
 * stderr (never the key), --quiet, tables and colour, completion scripts, a base URL without /api.
 */
import { strict as assert } from 'node:assert';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SCALE_FIXTURES as F } from '../emulator/scale/catalog';
import { startEmulator, type Emulator } from '../emulator/server';
import { buildCli, runCli, type CliRun } from './support/cliProcess';
import { livepeerBaseUrl } from './support/livepeer';

const CLI_KEY = 'conventions-KEY-e41b9d07';
// The values the API references document (shared/api), written out here rather than imported.
const TASK_STATUSES = ['pending', 'completed', 'canceled', 'error', 'deleted'];
const LIVEPEER_PHASES = ['pending', 'waiting', 'running', 'completed', 'failed', 'cancelled'];
const ANSI = /\x1b\[/;

describe('task-lens CLI conventions (bundled, as a subprocess)', function () {
  this.timeout(30_000);
  let emulator: Emulator;
  let cliPath: string;
  let scratch: string;

  before(async () => {
    cliPath = await buildCli('out/test-cli-conventions');
    emulator = await startEmulator({ apiKey: CLI_KEY });
    scratch = mkdtempSync(join(tmpdir(), 'task-lens-conventions-'));
  });
  after(async () => {
    await emulator?.close();
    if (scratch) rmSync(scratch, { recursive: true, force: true });
  });
  beforeEach(() => emulator.stats.reset());
  afterEach(() => emulator.faults.clear());

  const env = (): Record<string, string> => ({
    SCALE_API_KEY: CLI_KEY,
    SCALE_BASE_URL: emulator.url,
    LIVEPEER_API_KEY: CLI_KEY,
    LIVEPEER_BASE_URL: livepeerBaseUrl(emulator),
  });
  const cli = (args: string[], extra: Record<string, string | undefined> = {}): Promise<CliRun> =>
    runCli(cliPath, args, { ...env(), ...extra });

  describe('help and version', () => {
    it('exit 0 however they are asked for', async () => {
      const helps = [['help'], ['--help'], ['-h'], ['help', 'tasks'], ['tasks', '--help'], ['tasks', '-h'], ['help', 'download']];
      const versions = [['--version'], ['-V'], ['version']];
      const runs = await Promise.all([...helps, ...versions].map((args) => cli(args)));
      runs.forEach((run, i) => {
        const args = [...helps, ...versions][i]?.join(' ') ?? '';
        assert.equal(run.code, 0, `${args}: ${run.stderr}`);
        assert.equal(run.stderr, '', args);
        if (i < helps.length) assert.match(run.stdout, /^Usage: task-lens/, args);
        else assert.equal(run.stdout, '0.1.0\n', args);
      });
      // Nested: `download help delivery` and `download delivery --help` show the subcommand's help.
      for (const args of [
        ['download', 'help', 'delivery'],
        ['download', 'delivery', '--help'],
      ]) {
        const run = await cli(args);
        assert.equal(run.code, 0, args.join(' '));
        assert.match(run.stdout, /^Usage: task-lens download delivery/);
      }
    });

    it('still exit 2 when no command is given or help is asked for an unknown one', async () => {
      const none = await cli([]);
      assert.equal(none.code, 2);
      assert.match(none.stderr, /^Usage: task-lens/);
      const unknown = await cli(['help', 'nope']);
      assert.equal(unknown.code, 2);
      assert.match(unknown.stderr, /^Usage: task-lens/);
      assert.equal(unknown.stdout, '');
      // The parser's own errors carry the program's name like every other message.
      const badFlag = await cli(['projects', '--bogus']);
      assert.equal(badFlag.code, 2);
      assert.match(badFlag.stderr, /^task-lens: unknown option '--bogus'$/m);
      const missing = await cli(['export', 'x.jsonl']);
      assert.equal(missing.code, 2);
      assert.match(missing.stderr, /^task-lens: required option '-F, --format <format>' not specified$/m);
    });
  });

  describe('enum flags', () => {
    it('refuses an unknown --status with exit 2, the known values and the closest one, before any request', async () => {
      const run = await cli(['tasks', '--batch', F.batches.batch250.name, '--status', 'complete']);
      assert.equal(run.code, 2);
      assert.equal(run.stdout, '');
      assert.match(run.stderr, /--status “complete” is not a known task status/);
      assert.ok(run.stderr.includes(`Known: ${TASK_STATUSES.join(', ')}.`), run.stderr);
      assert.match(run.stderr, /Did you mean “completed”\?/);
      assert.match(run.stderr, /--allow-unknown/);
      assert.equal(emulator.stats.totalRequests, 0);

      const nonsense = await cli(['tasks', '--batch', F.batches.batch250.name, '--status', 'nonsense']);
      assert.equal(nonsense.code, 2);
      assert.doesNotMatch(nonsense.stderr, /Did you mean/);
    });

    it('knows batches spell cancelled and tasks canceled', async () => {
      const run = await cli(['batches', '--project', F.projects.main.name, '--status', 'canceled']);
      assert.equal(run.code, 2);
      assert.match(run.stderr, /not a known batch status.*Did you mean “cancelled”\?/);
    });

    it('checks --phase and --type of the Livepeer commands and downloads, and the status of task files', async () => {
      const phase = await cli(['livepeer', 'tasks', '--phase', 'bogus']);
      assert.equal(phase.code, 2);
      assert.ok(phase.stderr.includes(`Known: ${LIVEPEER_PHASES.join(', ')}.`), phase.stderr);
      const type = await cli(['download', 'livepeer-tasks', '--type', 'uplod', '--out', scratch]);
      assert.equal(type.code, 2);
      assert.match(type.stderr, /--type “uplod” is not a known Livepeer task type.*Did you mean “upload”\?/);
      const batch = await cli(['download', 'batch', '--batch', F.batches.batch250.name, '--status', 'done', '--out', scratch]);
      assert.equal(batch.code, 2);
      const file = join(scratch, 'tasks.jsonl');
      writeFileSync(file, '{"task_id":"t1","status":"completed"}\n');
      const query = await cli(['query', file, '--status', 'completed', '--status', 'complet']);
      assert.equal(query.code, 2);
      assert.match(query.stderr, /“complet”/);
      assert.equal(emulator.stats.totalRequests, 0);
    });

    it('sends an unknown value with --allow-unknown, with a warning', async () => {
      const run = await cli(['--allow-unknown', 'tasks', '--batch', F.batches.batch250.name, '--status', 'quality_review']);
      assert.equal(run.code, 0, run.stderr);
      assert.match(run.stderr, /^task-lens: warning: “quality_review” is not a task status Task Lens knows/m);
      assert.deepEqual(emulator.stats.lastQueryValues('/v2/tasks', 'status'), ['quality_review']);
    });
  });

  describe('stderr: retries, --quiet, --verbose', () => {
    it('says what a retry waits for: the status, the wait and the next attempt', async () => {
      emulator.faults.set({ pathPrefix: '/v2/projects', rateLimit: { count: 1, retryAfter: 1 } });
      const run = await cli(['projects']);
      assert.equal(run.code, 0, run.stderr);
      assert.equal(run.stderr, '429 Too Many Requests from GET /v2/projects; retrying in 1.0 s (attempt 2)…\n');
    });

    it('--quiet leaves only the result on stdout, and warnings on stderr', async () => {
      emulator.faults.set({ pathPrefix: '/v2/tasks', rateLimit: { count: 1, retryAfter: 0 } });
      const out = join(scratch, 'quiet');
      const args = ['download', 'batch', '--batch', F.batches.batch250.name, '--out', out];
      const run = await cli(['--quiet', ...args]);
      assert.equal(run.code, 0, run.stderr);
      assert.equal(run.stderr, '');
      assert.equal((JSON.parse(run.stdout) as { count: number }).count, 250);
      const again = await cli([...args, '-q']);
      assert.equal(again.code, 0, again.stderr);
      assert.equal(again.stderr, '');
      const warned = await cli(['-q', '--allow-unknown', 'tasks', '--batch', F.batches.batch250.name, '--status', 'x']);
      assert.match(warned.stderr, /^task-lens: warning: /);
      const both = await cli(['-q', '-v', 'projects']);
      assert.equal(both.code, 2);
    });

    it('--verbose logs each request with its status and time, never the key', async () => {
      emulator.faults.set({ pathPrefix: '/v2/tasks', serverErrors: { count: 1, status: 503 } });
      const run = await cli(['--verbose', 'tasks', '--batch', F.batches.batch250.name, '--limit', '3']);
      assert.equal(run.code, 0, run.stderr);
      assert.match(run.stderr, /^\[verbose\] Scale GenAI at http:\/\/127\.0\.0\.1:\d+, key from SCALE_API_KEY$/m);
      assert.match(run.stderr, /^\[verbose\] #1 GET http:\/\/127\.0\.0\.1:\d+\/v2\/batch\?batch_name=Batch\+250$/m);
      assert.match(run.stderr, /^\[verbose\] #1 200 in \d+ ms$/m);
      assert.match(run.stderr, /^\[verbose\] #2 GET .*\/v2\/tasks\?batch_id=/m);
      assert.match(run.stderr, /^\[verbose\] #2 503 in \d+ ms$/m);
      assert.match(run.stderr, /^\[verbose\] #3 200 in \d+ ms$/m);
      assert.equal(run.stdout.trimEnd().split('\n').length, 3);
      for (const text of [run.stderr, run.stdout]) {
        assert.ok(!text.includes(CLI_KEY), 'the key was printed');
        assert.doesNotMatch(text, /authorization|bearer/i);
      }
      const rejected = await cli(['-v', 'projects'], { SCALE_API_KEY: 'wrong-KEY-0f3e' });
      assert.equal(rejected.code, 1);
      assert.match(rejected.stderr, /#1 401 in \d+ ms/);
      assert.ok(!rejected.stderr.includes('wrong-KEY-0f3e'), 'the rejected key was printed');
      // Credentials a person put into the base URL itself (a password, a gateway key) are not echoed
      // (requests are sent without them: the log of #1 has neither).
      const port = new URL(emulator.url).port;
      const withSecrets = await cli(['-v', '--base-url', `http://me:pw-SECRET-1@127.0.0.1:${port}/?gw_key=GW-SECRET-2`, 'projects']);
      assert.match(withSecrets.stderr, /^\[verbose\] Scale GenAI at http:\/\/me:\*\*\*@127\.0\.0\.1:\d+\/\?gw_key=\*\*\*,/m);
      for (const secret of ['pw-SECRET-1', 'GW-SECRET-2']) assert.ok(!withSecrets.stderr.includes(secret), `${secret} was printed`);
    });
  });

  describe('--format table and colour', () => {
    it('prints aligned columns with --format table, without colour on a pipe', async () => {
      const run = await cli(['batches', '--project', F.projects.paging.name, '--format', 'table']);
      assert.equal(run.code, 0, run.stderr);
      const lines = run.stdout.trimEnd().split('\n');
      assert.match(lines[0] ?? '', /^NAME +STATUS +ID +CREATED$/);
      assert.equal(lines.length, 3);
      assert.match(lines[1] ?? '', new RegExp(`^Paging A +completed +${F.batches.pagingA.id} +\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d$`));
      assert.match(lines[2] ?? '', new RegExp(`^Paging B +in_progress +${F.batches.pagingB.id} `));
      const idColumn = (line: string | undefined): number => (line ?? '').indexOf(' 6650e');
      assert.equal(idColumn(lines[1]), idColumn(lines[2]));
      assert.equal((lines[0] ?? '').indexOf('ID'), idColumn(lines[1]) + 1);
      assert.doesNotMatch(run.stdout, ANSI);
      const json = await cli(['batches', '--project', F.projects.paging.name]);
      assert.equal((JSON.parse(json.stdout.split('\n')[0] ?? '') as { name: string }).name, 'Paging A');
      // An empty list says so in a table; as JSON Lines it stays empty.
      const none = await cli(['deliveries', '--project', F.projects.paging.name, '--format', 'table']);
      assert.equal(none.code, 0, none.stderr);
      assert.match(none.stdout, /^NAME +TASKS +DELIVERED +ID\n\(none\)\n$/);
      assert.equal((await cli(['deliveries', '--project', F.projects.paging.name])).stdout, '');
    });

    it('colours statuses with FORCE_COLOR, and NO_COLOR wins over it', async () => {
      const args = ['batches', '--project', F.projects.paging.name, '--format', 'table'];
      const forced = await cli(args, { FORCE_COLOR: '1' });
      assert.ok(forced.stdout.includes('\x1b[32mcompleted'), JSON.stringify(forced.stdout));
      assert.ok(forced.stdout.includes('\x1b[34min_progress'), JSON.stringify(forced.stdout));
      const none = await cli(args, { FORCE_COLOR: '1', NO_COLOR: '1' });
      assert.doesNotMatch(none.stdout, ANSI);
      assert.equal(none.stdout, (await cli(args)).stdout);
    });

    it('is the default on a terminal, where lists are tables', async function () {
      if (!existsSync('/usr/bin/script')) this.skip(); // util-linux's `script` gives the CLI a terminal
      // Not execFileSync: the emulator lives in this process and must keep answering.
      const onTerminal = async (args: string[]): Promise<string> => {
        const command = [process.execPath, cliPath, ...args].map((a) => `'${a}'`).join(' ');
        const run = await runCli('/usr/bin/script', ['-qec', command, '/dev/null'], { ...env(), NO_COLOR: '1' }, { direct: true });
        assert.equal(run.code, 0, run.stdout + run.stderr);
        return run.stdout;
      };
      const table = await onTerminal(['deliveries', '--project', F.projects.bulk.name]);
      assert.match(table, /^NAME +TASKS +DELIVERED +ID\r?\n/);
      assert.match(table, /2,500/);
      const json = await onTerminal(['deliveries', '--project', F.projects.bulk.name, '--format', 'json']);
      assert.match(json, /^\{"id":/);
    });
  });

  describe('completion', () => {
    const bashComplete = (script: string, line: string[]): string[] => {
      const words = line.map((w) => `'${w}'`).join(' ');
      const program = `${script}\nCOMP_WORDS=(${words}); COMP_CWORD=${line.length - 1}; _task_lens; printf '%s\\n' "\${COMPREPLY[@]}"`;
      const result = spawnSync('bash', ['--norc', '--noprofile', '-c', program], { encoding: 'utf8' });
      assert.equal(result.status, 0, result.stderr);
      return result.stdout.split('\n').filter(Boolean).sort();
    };

    it('bash: commands, subcommands, options and known values', async () => {
      const run = await cli(['completion', 'bash']);
      assert.equal(run.code, 0, run.stderr);
      assert.match(run.stdout, /complete -o default -F _task_lens task-lens/);
      assert.deepEqual(bashComplete(run.stdout, ['task-lens', 'tas']), ['task', 'tasks']);
      assert.deepEqual(bashComplete(run.stdout, ['task-lens', 'download', '']), ['batch', 'delivery', 'help', 'livepeer-tasks']);
      assert.deepEqual(bashComplete(run.stdout, ['task-lens', 'tasks', '--status', '']), [...TASK_STATUSES].sort());
      assert.deepEqual(bashComplete(run.stdout, ['task-lens', '-v', 'livepeer', 'tasks', '-s', '']), [...LIVEPEER_PHASES].sort());
      assert.deepEqual(bashComplete(run.stdout, ['task-lens', 'tasks', '--format', '']), ['json', 'table']);
      assert.ok(bashComplete(run.stdout, ['task-lens', '--base-url', 'x', 'tasks', '--b']).includes('--batch'));
      // A name after --project is not completed from a list: the shell's file completion takes over.
      assert.deepEqual(bashComplete(run.stdout, ['task-lens', 'tasks', '--project', '']), []);
    });

    it('zsh and fish: the same answers, from the shells themselves when they are installed', async function () {
      const zsh = await cli(['completion', 'zsh']);
      const fish = await cli(['completion', 'fish']);
      assert.equal(zsh.code, 0);
      assert.equal(fish.code, 0);
      assert.match(zsh.stdout, /bashcompinit/);
      assert.match(zsh.stdout, /setopt localoptions ksharrays/);
      assert.match(
        fish.stdout,
        /^complete -c task-lens -n '__task_lens_is "tasks"' -s s -l status -r -f -a 'pending completed canceled error deleted' -d 'only tasks with this status'$/m,
      );
      const bad = await cli(['completion', 'tcsh']);
      assert.equal(bad.code, 2);
      const zshFile = join(scratch, 'completion.zsh');
      const fishFile = join(scratch, 'completion.fish');
      writeFileSync(zshFile, zsh.stdout);
      writeFileSync(fishFile, fish.stdout);
      let checked = 0;
      // zsh runs the bash function through bashcompinit, with its words as compinit would set them.
      const inZsh = spawnSync(
        'zsh',
        [
          '-f',
          '-c',
          `autoload -U compinit && compinit -u; source '${zshFile}'; COMP_WORDS=(task-lens livepeer tasks --phase ''); COMP_CWORD=4; _task_lens; print -l -- $COMPREPLY`,
        ],
        { encoding: 'utf8' },
      );
      if (!inZsh.error) {
        assert.equal(inZsh.status, 0, inZsh.stderr);
        assert.deepEqual(inZsh.stdout.split('\n').filter(Boolean).sort(), [...LIVEPEER_PHASES].sort());
        checked++;
      }
      const inFish = spawnSync(
        'fish',
        ['--no-config', '-c', `source '${fishFile}'; complete -C 'task-lens tasks --status '; complete -C 'task-lens download '`],
        {
          encoding: 'utf8',
        },
      );
      if (!inFish.error) {
        assert.equal(inFish.status, 0, inFish.stderr);
        const answers = inFish.stdout
          .split('\n')
          .filter(Boolean)
          .map((line) => line.split('\t')[0]);
        assert.deepEqual(answers.sort(), [...TASK_STATUSES, 'batch', 'delivery', 'help', 'livepeer-tasks'].sort());
        checked++;
      }
      if (checked === 0) this.skip(); // neither shell is installed here: the text checks above are all
    });
  });

  describe('base URLs', () => {
    it('a Livepeer URL without /api: did you mean …/api?', async () => {
      const root = `${emulator.url}/livepeer`;
      const run = await cli(['livepeer', 'tasks', '--base-url', root]);
      assert.equal(run.code, 1);
      assert.ok(run.stderr.includes(`did you mean ${root}/api?`), run.stderr);
      const right = await cli(['livepeer', 'task', 'no-such-task']);
      assert.equal(right.code, 1);
      assert.match(right.stderr, /Not found \(404\).*check the id or name/);
      assert.doesNotMatch(right.stderr, /did you mean/);
    });
  });
});
