import { strict as assert } from 'node:assert';
import { rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import * as vscode from 'vscode';
import type { ReportFilterRequest } from '../../src/vscode/report/reportPanel';
import { ann, handTask } from '../unit/support/handTasks';
import { testApi } from './fixtures';
import { evalInWebviews, hasProbe, screenshot, waitFor } from './helpers';

const N = 60;
const QUALITY = [1, 2, 2, 3, 3, 3, 4, 4, 4, 4];
const TOPICS = ['Math', 'Code', 'Prose'];

function taskLines(): string {
  const lines: string[] = [];
  for (let i = 0; i < N; i++) {
    const task = handTask(
      `report_task_${i}`,
      [
        ['message', ann('quality', 'integer', QUALITY[i % 10])],
        ['message', ann('correct', 'boolean', i % 4 !== 0)],
        ['thread', ann('topic', 'category', TOPICS[i % 3])],
        ['thread', ann('issues', 'category_multiple', i % 2 ? ['Verbose'] : ['Verbose', 'Unsafe'])],
        ['thread', ann('preference', 'ranked_choices', i % 3 === 0 ? ['model_b', 'model_a'] : ['model_a', 'model_b'])],
      ],
      { status: i % 6 === 5 ? 'error' : 'completed' },
    );
    lines.push(JSON.stringify(task));
  }
  return `${lines.join('\n')}\n`;
}

/** The report page's scope line ("Report of all 60 tasks"), from whichever frame shows a report. */
async function scopeText(): Promise<string | undefined> {
  const frames = await evalInWebviews<string | null>(`document.querySelector('.report-count')?.textContent ?? null`);
  return frames.map((f) => f.value).find((v): v is string => typeof v === 'string');
}

describe('Quality report', function () {
  let file: vscode.Uri;
  before(async () => {
    const folder = vscode.workspace.workspaceFolders?.[0]?.uri.fsPath;
    assert.ok(folder, 'the test workspace is open');
    file = vscode.Uri.file(path.join(folder, 'report-it.jsonl'));
    await writeFile(file.fsPath, taskLines());
  });
  after(async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    await rm(file.fsPath, { force: true });
  });

  it('opens for a task file, shows a chart and a table per key, and a click on a bar narrows it', async function () {
    await vscode.commands.executeCommand('taskLens.showReport', file);
    const api = await testApi();
    const panel = await waitFor('the report panel', () => api.reports.get(file));
    await waitFor('the report of the whole file', () => panel.report?.tasks === N);
    assert.ok((panel.timing.reportMs ?? Infinity) < 1000, `the report took ${panel.timing.reportMs} ms`);
    if (!hasProbe) this.skip();
    assert.equal(await waitFor('the page shows the report', scopeText, 50_000), `Report of all ${N} tasks`);
    const figures = await evalInWebviews<Record<string, { chart: boolean; rows: number }>>(`Object.fromEntries(
      [...document.querySelectorAll('section.figure')].map((s) => [s.querySelector('h3').textContent, {
        chart: !!s.querySelector('svg.chart-svg rect'), rows: s.querySelectorAll('tbody tr').length }]))`);
    const shown = figures.map((f) => f.value).find((v) => v && v.quality);
    assert.ok(shown, `figures: ${JSON.stringify(figures)}`);
    for (const key of ['quality', 'correct', 'topic', 'issues']) {
      assert.ok(shown[key]?.chart && (shown[key]?.rows ?? 0) > 0, `${key} has a chart and a table: ${JSON.stringify(shown[key])}`);
    }
    // The page's own DOM has no inline style (VS Code's frame styles the <html> element, not us).
    const styled = await evalInWebviews<number>(`document.getElementById('root')?.querySelectorAll('[style], style').length ?? -1`);
    assert.ok(
      styled.some((f) => f.value === 0),
      `no style attributes under #root: ${JSON.stringify(styled)}`,
    );
    await screenshot('report-whole-file');
    await evalInWebviews(`document.getElementById('section-candidates')?.scrollIntoView()`);
    await screenshot('report-candidates');
    console.log(
      `[task-lens-test] report of ${N} tasks: ${panel.timing.reportMs?.toFixed(1)} ms in the host, ${panel.timing.pageMs?.toFixed(1)} ms to draw`,
    );

    const requests: ReportFilterRequest[] = [];
    const listening = api.reports.onDidRequestFilter((r) => requests.push(r));
    try {
      await evalInWebviews(`[...document.querySelectorAll('section.figure')].find((s) => s.querySelector('h3').textContent === 'quality')
        ?.querySelector('rect.bar[aria-label^="3:"]')?.dispatchEvent(new MouseEvent('click', { bubbles: true }))`);
      const expected = QUALITY.filter((q) => q === 3).length * (N / QUALITY.length);
      assert.equal(
        await waitFor('the narrowed report', async () => {
          const text = await scopeText();
          return text && /^Report of \d/.test(text) ? text : undefined;
        }),
        `Report of ${expected} of ${N} tasks`,
      );
      assert.equal(panel.report?.tasks, expected);
      assert.deepEqual(requests.at(-1), { file, conditions: ['quality = 3'] });
      assert.ok((panel.timing.reportMs ?? Infinity) < 200, `following a filter took ${panel.timing.reportMs} ms`);
    } finally {
      listening.dispose();
    }
    await evalInWebviews(`document.querySelector('[data-command="clear"]')?.click()`);
    await waitFor('the whole file again', async () => (await scopeText()) === `Report of all ${N} tasks`);
  });

  it('follows the rows an explorer hands it', async function () {
    const api = await testApi();
    api.reports.follow(file, [0, 1, 2, 3], '4 tasks picked by the explorer');
    const panel = api.reports.get(file);
    await waitFor('the followed report', () => panel?.report?.tasks === 4);
    if (!hasProbe) this.skip();
    await waitFor('the page shows the followed subset', async () => (await scopeText()) === `Report of 4 of ${N} tasks`);
    api.reports.unfollow(file);
    await waitFor('the whole file again', () => panel?.report?.tasks === N);
  });

  it('follows the theme: screenshots in dark, light and high contrast', async function () {
    if (!hasProbe) this.skip();
    await vscode.commands.executeCommand('taskLens.showReport', file);
    await waitFor('the report', async () => (await scopeText()) !== undefined, 50_000);
    const config = vscode.workspace.getConfiguration('workbench');
    const themes: [string, string, string][] = [
      ['Default Dark Modern', 'vscode-dark', 'report-dark'],
      ['Default Light Modern', 'vscode-light', 'report-light'],
      ['Default High Contrast', 'vscode-high-contrast', 'report-high-contrast'],
    ];
    try {
      for (const [theme, bodyClass, name] of themes) {
        await config.update('colorTheme', theme, vscode.ConfigurationTarget.Global);
        await waitFor(`the ${theme} theme in the report`, async () =>
          (await evalInWebviews<string>(`document.querySelector('.report-count') ? document.body.className : ''`)).some((f) =>
            String(f.value).includes(bodyClass),
          ),
        );
        await screenshot(name);
      }
    } finally {
      await config.update('colorTheme', undefined, vscode.ConfigurationTarget.Global);
    }
  });
});
