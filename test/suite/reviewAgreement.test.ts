/**
 * Review agreement over the explorer's filtered set (issue 18, item 2): the reviewer's blind
 * choices, kept per task, counted against the annotators' winners for the tasks the explorer shows.
 */
import { strict as assert } from 'node:assert';
import { mkdir, rm, writeFile } from 'node:fs/promises';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { testApi } from './fixtures';
import { waitFor } from './helpers';
import type { TaskTarget } from '../../src/vscode/taskTarget';

type Rec = Record<string, unknown>;

/** One turn, two candidates, the annotators' ranking at the turn: `winner` first. */
function rankedTask(id: string, group: string, winner: 'model_a' | 'model_b'): Rec {
  const loser = winner === 'model_a' ? 'model_b' : 'model_a';
  return {
    task_id: id,
    status: 'completed',
    metadata: { group },
    threads: [
      {
        id: 'thread_0',
        annotations: [{ key: 'group', type: 'category', value: group }],
        turns: [
          {
            id: 'turn_0',
            annotations: [{ key: 'preference', type: 'ranked_choices', value: [winner, loser] }],
            messages: [
              { role: 'user', content: { text: 'Question?' } },
              { role: 'assistant', source_id: 'model_a', content: { text: 'Answer A.' } },
              { role: 'assistant', source_id: 'model_b', content: { text: 'Answer B.' } },
            ],
          },
        ],
      },
    ],
  };
}

describe('Review agreement over the explorer set', function () {
  const folder = path.join(vscode.workspace.workspaceFolders?.[0]?.uri.fsPath as string, 'agreement-test');
  const file = vscode.Uri.file(path.join(folder, 'reviewed.jsonl'));
  // Task, its group (the filter), the annotators' winner, the reviewer's blind choice (or none).
  const plan: Array<[string, string, 'model_a' | 'model_b', string | null]> = [
    ['r1', 'kept', 'model_a', 'model_a'], // agrees
    ['r2', 'kept', 'model_b', 'model_a'], // disagrees
    ['r3', 'kept', 'model_b', 'model_b'], // agrees
    ['r4', 'kept', 'model_a', null], // not reviewed
    ['r5', 'dropped', 'model_a', 'model_b'], // outside the filtered set
  ];

  before(async () => {
    await mkdir(folder, { recursive: true });
    await writeFile(file.fsPath, plan.map(([id, group, winner]) => JSON.stringify(rankedTask(id, group, winner))).join('\n') + '\n');
  });

  after(async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    await rm(folder, { recursive: true, force: true });
  });

  it('counts the blind choices that picked the annotators’ winner, within the filtered set only', async () => {
    const api = await testApi();
    const outcome = await api.explorers.applyConditions(file, ['group = kept']);
    assert.ok(outcome.ok, 'the condition applies');
    await waitFor('the filtered set', () => api.explorers.currentSet(file)?.count === 4, 30_000);
    // The choices the task view keeps when the reviewer marks a preference in blind mode.
    const model = api.explorers.model(file);
    assert.ok(model?.index);
    for (const [id, , , choice] of plan) {
      if (choice === null) continue;
      const row = [...Array(model.index.size).keys()].find((r) => model.index?.taskId(r) === id) as number;
      const target: TaskTarget = {
        connection: { name: 'reviewed.jsonl', kind: 'scale', baseUrl: '', source: 'user' },
        taskId: id,
        pathSegments: [],
        file: { uri: file, row, entry: model.index.entry(row) },
      };
      await api.reviews.choose(target, 'thread_0/turn_0', choice);
    }
    // Expected from the plan: of the reviewed tasks in the set (r1, r2, r3), r1 and r3 agree.
    const inSet = plan.filter(([, group, , choice]) => group === 'kept' && choice !== null);
    const agreed = inSet.filter(([, , winner, choice]) => winner === choice).length;
    const result = (await vscode.commands.executeCommand('taskLens.showReviewAgreement')) as
      { compared: number; agreed: number; reviewedTasks: number; setSize: number } | undefined;
    assert.ok(result, 'the explorer is the active editor');
    assert.deepEqual(
      { compared: result.compared, agreed: result.agreed, reviewedTasks: result.reviewedTasks, setSize: result.setSize },
      { compared: inSet.length, agreed, reviewedTasks: inSet.length, setSize: 4 },
    );
  });
});
