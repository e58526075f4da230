// Entry point the extension host loads (extensionTestsPath). Runs every suite file with mocha and
// reports each result through the console (the runner forwards lines tagged [task-lens-test]) and
// as counts in the file named by TASKLENS_TEST_RESULTS.
import { writeFileSync } from 'node:fs';
import Mocha from 'mocha';

const TAG = '[task-lens-test]';
const say = (line: string) => console.log(`${TAG} ${line}`);

export async function run(): Promise<void> {
  const mocha = new Mocha({ ui: 'bdd', timeout: 60_000, color: false, reporter: 'dot' });
  const grep = process.env.TASKLENS_TEST_GREP;
  if (grep) mocha.grep(grep);
  mocha.suite.emit('pre-require', globalThis, 'suite', mocha);
  // Imported after mocha's globals exist; esbuild bundles them into this file.
  await import('./activation.test');
  await import('./tree.test');
  await import('./taskJson.test');
  await import('./taskView.test');

  const counts = { passed: 0, failed: 0, skipped: 0 };
  await new Promise<void>((resolve) => {
    const runner = mocha.run(() => resolve());
    runner.on('pass', (t) => {
      counts.passed++;
      say(`  ✔ ${t.fullTitle()} (${t.duration ?? 0} ms)`);
    });
    runner.on('fail', (t, err: Error) => {
      counts.failed++;
      say(`  ✘ ${t.fullTitle()}\n      ${String(err?.stack ?? err).split('\n').slice(0, 8).join('\n      ')}`);
    });
    runner.on('pending', (t) => {
      counts.skipped++;
      say(`  - ${t.fullTitle()} (skipped)`);
    });
  });
  say(`integration: ${counts.passed} passed, ${counts.failed} failed, ${counts.skipped} skipped`);
  if (process.env.TASKLENS_TEST_RESULTS) writeFileSync(process.env.TASKLENS_TEST_RESULTS, JSON.stringify(counts));
  if (counts.failed > 0) throw new Error(`${counts.failed} integration test(s) failed`);
}
