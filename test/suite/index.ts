// Entry point the extension host loads (extensionTestsPath). Runs every suite file with mocha and
// reports each result through the console (the runner forwards lines tagged [task-lens-test]) and
// as counts in the file named by TASKLENS_TEST_RESULTS.
//
// One test needs a window reload (panels restored by the serializer). The first run ends by saving
// its counts and reloading; the workbench then loads this module again, which sees the saved
// state and runs only the tests that check what the reload restored.
import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import Mocha from 'mocha';
import * as vscode from 'vscode';
import { reloadRequest } from './reload';

const TAG = '[task-lens-test]';
const say = (line: string) => console.log(`${TAG} ${line}`);
type Counts = { passed: number; failed: number; skipped: number };

export async function run(): Promise<void> {
  const resultsFile = process.env.TASKLENS_TEST_RESULTS;
  const reloadFile = resultsFile ? `${resultsFile}.reload.json` : undefined;
  const afterReload = reloadFile !== undefined && existsSync(reloadFile);
  const previous: Counts = afterReload ? JSON.parse(readFileSync(reloadFile, 'utf8')).counts : { passed: 0, failed: 0, skipped: 0 };
  if (afterReload) rmSync(reloadFile);

  // In CI a stray `.only` fails the run instead of silently skipping the rest.
  const mocha = new Mocha({ ui: 'bdd', timeout: 120_000, color: false, reporter: 'dot', forbidOnly: Boolean(process.env.CI) });
  const grep = process.env.TASKLENS_TEST_GREP;
  if (grep) mocha.grep(grep);
  mocha.suite.emit('pre-require', globalThis, 'suite', mocha);
  // Imported after mocha's globals exist; esbuild bundles them into this file.
  if (process.env.TASKLENS_TEST_LOCALE) {
    say(`(display language ${process.env.TASKLENS_TEST_LOCALE}: the l10n suite only)`);
    await import('./l10n.test');
  } else if (afterReload) {
    say('(after the window reload)');
    await import('./restore.test');
  } else {
    await import('./activation.test');
    await import('./tree.test');
    await import('./taskJson.test');
    await import('./taskView.test');
    await import('./download.test');
    await import('./syncExport.test');
    await import('./livepeer.test');
    await import('./livepeerLive.test');
    await import('./security.test');
    await import('./report.test');
    await import('./explorer.test');
    await import('./fileRestore.test');
    await import('./focus.test');
    await import('./names.test');
    await import('./overflow.test');
    await import('./reviewer.test');
    await import('./reviewAgreement.test');
    await import('./taskRows.test');
    await import('./settings.test');
    await import('./deepLinks.test');
    await import('./keys.test');
    await import('./reload.test');
  }

  const counts = await runMocha(mocha);
  const total: Counts = {
    passed: previous.passed + counts.passed,
    failed: previous.failed + counts.failed,
    skipped: previous.skipped + counts.skipped,
  };
  if (!afterReload && reloadRequest.pending && reloadFile) {
    writeFileSync(reloadFile, JSON.stringify({ counts: total }));
    say('reloading the window to check restored panels…');
    await vscode.commands.executeCommand('workbench.action.reloadWindow');
    await new Promise(() => undefined); // the reload ends this extension host
  }
  say(`integration: ${total.passed} passed, ${total.failed} failed, ${total.skipped} skipped`);
  if (resultsFile) writeFileSync(resultsFile, JSON.stringify(total));
  if (total.failed > 0) throw new Error(`${total.failed} integration test(s) failed`);
}

function runMocha(mocha: Mocha): Promise<Counts> {
  const counts: Counts = { passed: 0, failed: 0, skipped: 0 };
  return new Promise((resolve) => {
    const runner = mocha.run(() => resolve(counts));
    runner.on('pass', (t) => {
      counts.passed++;
      say(`  ✔ ${t.fullTitle()} (${t.duration ?? 0} ms)`);
    });
    runner.on('fail', (t, err: Error) => {
      counts.failed++;
      say(
        `  ✘ ${t.fullTitle()}\n      ${String(err?.stack ?? err)
          .split('\n')
          .slice(0, 8)
          .join('\n      ')}`,
      );
    });
    runner.on('pending', (t) => {
      counts.skipped++;
      say(`  - ${t.fullTitle()} (skipped)`);
    });
  });
}
