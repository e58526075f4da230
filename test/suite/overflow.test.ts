/**
 * Long values in the task view, laid out by the real workbench (issue 20): they wrap or scroll
 * inside their cell, and the page never scrolls sideways. One task per hostile payload and per
 * long unbroken value, on each platform.
 */
import { strict as assert } from 'node:assert';
import * as vscode from 'vscode';
import type { TaskDocument } from '../../src/core/platform/platform';
import type { Connection } from '../../src/vscode/connections';
import { buildHostileTask, hostileMarker, hostilePayloads } from '../fixtures/hostile';
import { hostileLivepeerTask } from '../fixtures/hostileLivepeer';
import { testApi } from './fixtures';
import { evalInWebviews, hasProbe, screenshot, waitFor } from './helpers';

/** Values with nowhere to break, each with its marker. */
const LONG_VALUES = [
  `ZQ91ZQ${'x'.repeat(4000)}`,
  `https://example.com/ZQ92ZQ/${'segment/'.repeat(300)}`,
  `ZQ93ZQ${'QUJD'.repeat(800)}==`,
  `ZQ94ZQ?${'a=1&'.repeat(600)}`,
  `id_ZQ95ZQ_${'0123456789abcdef'.repeat(200)}`,
];
const VALUES = [...hostilePayloads, ...LONG_VALUES];

interface Overflow {
  shown: boolean;
  over: number;
  offenders: string[];
}

/** How far the page scrolls sideways, and the outermost elements that stick out unclipped. */
const MEASURE = (marker: string) => `(() => {
  const root = document.getElementById('root');
  const se = document.scrollingElement;
  const width = se.clientWidth;
  const over = se.scrollWidth - width;
  const offenders = [];
  if (over > 1) {
    for (const el of root.querySelectorAll('*')) {
      if (el.getBoundingClientRect().right <= width + 1) continue;
      let clipped = false;
      for (let p = el.parentElement; p && p !== root; p = p.parentElement) {
        if (getComputedStyle(p).overflowX !== 'visible' && p.getBoundingClientRect().right <= width + 1) { clipped = true; break; }
      }
      const parentOut = el.parentElement && el.parentElement !== root && el.parentElement.getBoundingClientRect().right > width + 1;
      if (!clipped && !parentOut) offenders.push(el.tagName.toLowerCase() + '.' + String(el.className).split(' ').join('.') + ' +' + Math.round(el.getBoundingClientRect().right - width) + 'px');
    }
  }
  return { shown: (root?.innerText ?? '').includes(${JSON.stringify(marker)}), over, offenders: offenders.slice(0, 4) };
})()`;

function connection(kind: 'scale' | 'livepeer'): Connection {
  return { name: `Overflow ${kind}`, kind, baseUrl: 'http://127.0.0.1:9', source: 'user' } as Connection;
}

function scaleDoc(value: string, i: number): TaskDocument {
  const raw = { ...buildHostileTask([value]), task_id: `overflow-scale-${i}` };
  return { id: raw.task_id, raw, pathSegments: [], context: { projectName: value, batchName: value }, treePath: [] };
}

function livepeerDoc(value: string, i: number): TaskDocument {
  const { task, related } = hostileLivepeerTask([value]);
  const id = `overflow-livepeer-${i}`;
  return {
    id,
    raw: { ...task, id },
    pathSegments: [],
    context: {},
    treePath: [],
    related: related.map((r) => ({ ...r, problem: r.problem ?? undefined })),
  };
}

async function overflowsOf(kind: 'scale' | 'livepeer', build: (v: string, i: number) => TaskDocument): Promise<string[]> {
  const api = await testApi();
  const bad: string[] = [];
  let worst = 0;
  for (const [i, value] of VALUES.entries()) {
    const document = build(value, i);
    const target = { connection: connection(kind), taskId: document.id, pathSegments: [], document };
    // The page's "rendered" answer comes back asynchronously, after this reset.
    const panel = api.panels.open(target);
    panel.timing = {};
    const marker = hostileMarker(value);
    const seen = await waitFor(
      `the ${kind} task for ${marker} laid out`,
      async () => {
        if (panel.timing.complete === undefined) return undefined;
        const frames = await evalInWebviews<Overflow>(MEASURE(marker));
        return frames.map((f) => f.value).find((v) => v?.shown);
      },
      50_000,
    );
    if (seen.over > 1) {
      bad.push(`${marker}: +${seen.over}px ${seen.offenders.join(', ')}`);
      if (seen.over > worst) {
        worst = seen.over;
        await screenshot(`overflow-${kind}-worst`);
      }
    }
  }
  return bad;
}

describe('Overflow: long values stay inside the task view', function () {
  before(function () {
    if (!hasProbe) this.skip();
  });
  after(() => vscode.commands.executeCommand('workbench.action.closeAllEditors'));

  it(`Overflow: none of ${VALUES.length} hostile Scale tasks scrolls sideways`, async () => {
    const bad = await overflowsOf('scale', scaleDoc);
    assert.deepEqual(bad, [], `${bad.length} of ${VALUES.length} Scale tasks overflow their panel`);
  });

  it(`Overflow: none of ${VALUES.length} hostile Livepeer tasks scrolls sideways`, async () => {
    const bad = await overflowsOf('livepeer', livepeerDoc);
    assert.deepEqual(bad, [], `${bad.length} of ${VALUES.length} Livepeer tasks overflow their panel`);
  });
});
