import { strict as assert } from 'node:assert';
import { AuthError } from '../../src/core/http/errors';
import { createFetchTransport } from '../../src/core/http/fetchTransport';
import { LivepeerPlatform } from '../../src/core/livepeer/platform';
import type { Task } from '../../src/core/livepeer/types';
import type { Children, Entry, EntryPage, FilterValues } from '../../src/core/platform/platform';
import { createPlatform } from '../../src/core/platform/registry';
import { LIVEPEER_FIXTURES as F } from '../emulator/livepeer/data';
import { startEmulator, type Emulator } from '../emulator/server';
import { livepeerBaseUrl, TASK_PATH, testLivepeerPlatform } from './support/livepeer';
import { renderTooltip } from './support/tooltip';

async function loadAll(
  children: Children | undefined,
  filters: FilterValues = {},
  pageSize = 100,
): Promise<{ entries: Entry[]; pages: EntryPage[] }> {
  assert.ok(children);
  if (children.mode === 'list') return { entries: [...(await children.load({}))], pages: [] };
  const pages: EntryPage[] = [];
  let token: string | undefined;
  do {
    const page = await children.loadPage({ token, pageSize, filters });
    pages.push(page);
    token = page.nextToken ?? undefined;
  } while (token);
  return { entries: pages.flatMap((p) => [...p.entries]), pages };
}

describe('core/livepeer platform', () => {
  let emulator: Emulator;
  let platform: LivepeerPlatform;
  let tasksRoot: Entry;
  let byKey: Map<string, Entry>;
  const taskEntry = (id: string): Entry => {
    const entry = byKey.get(`task:${id}`);
    assert.ok(entry, `no entry for ${id}`);
    return entry;
  };
  const fixtureTask = (id: string): Task => emulator.livepeer.findTask(id) ?? assert.fail(`no task ${id}`);

  before(async () => {
    emulator = await startEmulator();
    platform = testLivepeerPlatform(emulator);
    assert.equal(platform.roots.mode, 'list');
    const roots = await (platform.roots.mode === 'list' ? platform.roots.load({}) : []);
    assert.equal(roots.length, 1);
    tasksRoot = roots[0] as Entry;
    byKey = new Map((await loadAll(tasksRoot.children)).entries.map((e) => [e.key, e]));
  });
  after(() => emulator.close());
  beforeEach(() => {
    emulator.faults.clear();
    emulator.stats.reset();
  });

  describe('tree', () => {
    it('has one Tasks root, paged and filterable by type and phase, downloadable', () => {
      assert.equal(tasksRoot.look.label, 'Tasks');
      assert.equal(tasksRoot.type, 'tasks');
      assert.deepEqual([tasksRoot.download?.kind, tasksRoot.download?.label], ['livepeer-tasks', 'tasks']);
      assert.equal(tasksRoot.children?.mode, 'paged');
      const filters = tasksRoot.children?.mode === 'paged' ? (tasksRoot.children.filters ?? []) : [];
      assert.deepEqual(
        filters.map((f) => f.key),
        ['type', 'phase'],
      );
      assert.ok(filters[0]?.options.some((o) => o.value === 'import' && o.label.includes('legacy')));
      assert.deepEqual(
        filters[1]?.options.map((o) => o.value),
        ['pending', 'waiting', 'running', 'completed', 'failed', 'cancelled'],
      );
    });

    it('pages tasks with Load more and a total, every task once', async () => {
      const { entries, pages } = await loadAll(tasksRoot.children, {}, 100);
      assert.deepEqual(
        pages.map((p) => p.entries.length),
        [100, 100, 40],
      );
      assert.equal(pages[0]?.total, F.totalTasks);
      assert.equal(new Set(entries.map((e) => e.key)).size, F.totalTasks);
      assert.deepEqual(
        emulator.stats.requests(TASK_PATH).map((r) => r.query.some(([k]) => k === 'count')),
        [true, false, false],
      );
    });

    it('shows type, source or short id, phase with progress, and the creation date', () => {
      const running = taskEntry(F.tasks.runningUpload);
      assert.equal(running.look.label, 'upload · keynote-2024.mov');
      assert.match(running.look.description ?? '', /^running 42% · created \d{4}-\d\d-\d\d \d\d:\d\d$/);
      assert.deepEqual([running.look.icon, running.look.tone], ['sync', 'running']);
      assert.deepEqual(running.task, { id: F.tasks.runningUpload, pathSegments: ['tasks', 'upload'] });
      assert.equal(running.copyId, F.tasks.runningUpload);
      const clip = taskEntry(F.tasks.runningClip);
      assert.equal(clip.look.label, `clip · index.m3u8`);
      assert.equal(taskEntry(F.tasks.completedExport).look.label, `export · ${F.tasks.completedExport.slice(0, 8)}`);
      assert.equal(taskEntry(F.tasks.legacyImport).look.label, 'import · old-import.mp4');
      assert.match(taskEntry(F.tasks.unknownType).look.label, new RegExp(`^${F.unknownType} · `));
    });

    it('gives each phase its icon and tone, unknown phases included', () => {
      const tones: Array<[string, string, string]> = [
        [F.tasks.completedUpload, 'pass', 'completed'],
        [F.tasks.failedUpload, 'error', 'error'],
        [F.tasks.pendingUpload, 'clock', 'pending'],
        [F.tasks.waitingExport, 'watch', 'pending'],
        [F.tasks.cancelledClip, 'circle-slash', 'canceled'],
        [F.tasks.unknownPhase, 'question', 'unknown'],
      ];
      for (const [id, icon, tone] of tones) assert.deepEqual([taskEntry(id).look.icon, taskEntry(id).look.tone], [icon, tone], id);
      assert.match(taskEntry(F.tasks.unknownPhase).look.description ?? '', new RegExp(`^${F.unknownPhase} · `));
    });

    it('puts the error message and retries in the tooltip', () => {
      const tooltip = renderTooltip(taskEntry(F.tasks.failedRetriedExport).look.tooltip ?? '');
      assert.match(tooltip.text, /Error: failed to export: upload to https:\/\/uploads\.example\.com\/export returned 503/);
      assert.equal(tooltip.links, 0, 'the URL in the message is not a link');
      assert.match(tooltip.text, /Retries: 2/);
      assert.ok(tooltip.text.includes(`Input asset: ${fixtureTask(F.tasks.failedRetriedExport).inputAssetId}`), tooltip.text);
    });

    it('lists a task’s assets lazily, with name, phase, size, duration and a link', async () => {
      const task = fixtureTask(F.tasks.completedUpload);
      const asset = emulator.livepeer.findAsset(String(task.outputAssetId));
      assert.equal(emulator.stats.totalRequests, 0);
      const [child, ...rest] = (await loadAll(taskEntry(F.tasks.completedUpload).children)).entries;
      assert.equal(rest.length, 0);
      assert.ok(child);
      assert.equal(child.type, 'asset');
      assert.equal(child.look.label, 'intro');
      assert.match(child.look.description ?? '', /^Output asset · ready · [\d.]+ [kMG]B · \d+:\d\d/);
      assert.deepEqual([child.look.icon, child.look.tone], ['device-camera-video', 'completed']);
      assert.equal(child.copyId, asset?.id);
      assert.equal(child.link, asset?.downloadUrl);
      assert.ok(renderTooltip(child.look.tooltip ?? '').text.includes(`Playback ID: ${asset?.playbackId}`));
    });

    it('shows input and output assets of a legacy transcode, and a processing asset’s progress', async () => {
      const legacy = (await loadAll(taskEntry(F.tasks.legacyTranscode).children)).entries;
      assert.deepEqual(
        legacy.map((e) => e.look.description?.split(' · ')[0]),
        ['Input asset', 'Output asset'],
      );
      const [clipAsset] = (await loadAll(taskEntry(F.tasks.runningClip).children)).entries;
      assert.match(clipAsset?.look.description ?? '', /^Output asset · processing 70%/);
      assert.equal(clipAsset?.look.tone, 'running');
    });

    it('shows a deleted asset as an entry saying so, not an error', async () => {
      const [missing] = (await loadAll(taskEntry(F.tasks.missingOutputAsset).children)).entries;
      assert.equal(missing?.type, 'asset-missing');
      assert.equal(missing?.look.label, 'Output asset not found');
      assert.equal(missing?.copyId, fixtureTask(F.tasks.missingOutputAsset).outputAssetId);
      const [input] = (await loadAll(taskEntry(F.tasks.deletedInputExport).children)).entries;
      assert.equal(input?.look.label, 'Input asset not found');
    });

    it('gives tasks without assets no children', () => {
      assert.equal(taskEntry(F.tasks.completedTranscode).children, undefined);
      assert.equal(taskEntry(F.tasks.completedExportData).children, undefined);
    });

    it('shows hostile asset names in tooltips as written, inert', async () => {
      const [asset] = (await loadAll(taskEntry(F.tasks.hostileAsset).children)).entries;
      assert.equal(asset?.look.label, F.hostileName);
      for (const tooltip of [asset?.look.tooltip ?? '', taskEntry(F.tasks.hostileAsset).look.tooltip ?? '']) {
        const shown = renderTooltip(tooltip);
        assert.ok(shown.text.includes(F.hostileName), shown.text);
        assert.ok(!tooltip.includes('<') && !tooltip.includes('\\'), tooltip);
        assert.equal(shown.links, 0);
        assert.ok(!/<(img|a|code|em)\b/.test(shown.html) && !shown.html.includes('<strong>bold'), shown.html);
      }
    });

    it('filters by phase on the client and by type on the server, with Load more', async () => {
      const failed = emulator.livepeer.tasks.filter((t) => t.status?.phase === 'failed');
      const byPhase = await loadAll(tasksRoot.children, { phase: 'failed' }, 10);
      assert.deepEqual(new Set(byPhase.entries.map((e) => e.key)), new Set(failed.map((t) => `task:${t.id}`)));
      assert.ok(byPhase.pages.length > 1 && byPhase.pages.every((p) => p.total === null));
      const clips = emulator.livepeer.tasks.filter((t) => t.type === 'clip');
      const byType = await loadAll(tasksRoot.children, { type: 'clip' }, 100);
      assert.equal(byType.pages[0]?.total, clips.length);
      assert.equal(byType.entries.length, clips.length);
      const both = await loadAll(tasksRoot.children, { type: 'upload', phase: 'running' }, 100);
      assert.deepEqual(
        both.entries.map((e) => e.key).sort(),
        emulator.livepeer.tasks
          .filter((t) => t.type === 'upload' && t.status?.phase === 'running')
          .map((t) => `task:${t.id}`)
          .sort(),
      );
    });
  });

  describe('task document', () => {
    it('returns the raw task with context, tree path and its assets as related documents', async () => {
      const doc = await platform.getTask(F.tasks.legacyTranscode);
      const task = fixtureTask(F.tasks.legacyTranscode);
      assert.equal(JSON.stringify(doc.raw), JSON.stringify(task));
      assert.deepEqual(doc.pathSegments, ['tasks', 'transcode']);
      assert.deepEqual(doc.treePath, ['tasks', `task:${F.tasks.legacyTranscode}`]);
      assert.equal(doc.context.type, 'transcode');
      assert.equal(doc.context.phase, 'completed');
      assert.equal(doc.context.inputAssetId, task.inputAssetId);
      assert.deepEqual(
        doc.related?.map((r) => [r.label, r.type, r.id]),
        [
          ['Input asset', 'asset', task.inputAssetId],
          ['Output asset', 'asset', task.outputAssetId],
        ],
      );
      const output = doc.related?.[1]?.raw as { videoSpec?: { tracks?: unknown[] } };
      assert.equal(output.videoSpec?.tracks?.length, 2, 'assets fetched with details');
    });

    it('says why a linked asset is missing instead of failing', async () => {
      const doc = await platform.getTask(F.tasks.missingOutputAsset);
      assert.equal(doc.related?.length, 1);
      assert.equal(doc.related?.[0]?.raw, null);
      assert.match(doc.related?.[0]?.problem ?? '', /Not found \(404\)/);
      const running = await platform.getTask(F.tasks.runningUpload);
      assert.equal(running.context.progress, '0.42');
      const failed = await platform.getTask(F.tasks.failedUpload);
      assert.equal(failed.context.retries, '0');
      assert.match(failed.context.errorMessage ?? '', /not a video/);
      assert.deepEqual((await platform.getTask(F.tasks.completedTranscode)).related, []);
    });

    it('verifies a key with one small request', async () => {
      await platform.verify();
      assert.deepEqual(emulator.stats.lastQueryValues(TASK_PATH, 'limit'), ['1']);
      await assert.rejects(testLivepeerPlatform(emulator, { apiKey: 'not-the-key' }).verify(), AuthError);
    });
  });

  describe('download plan', () => {
    async function drain(filters: FilterValues = {}) {
      const plan = await platform.planTaskListDownload(filters);
      const tasks: unknown[] = [];
      let token: string | undefined;
      do {
        const page = await plan.fetchPage(token, {});
        tasks.push(...page.tasks);
        token = page.nextToken ?? undefined;
      } while (token);
      return { plan, tasks: tasks as Task[] };
    }

    it('pages every task to the end', async () => {
      const { plan, tasks } = await drain();
      assert.equal(plan.folderName, 'livepeer');
      assert.equal(plan.fileName, 'tasks');
      assert.equal(plan.expectedTotal, F.totalTasks);
      assert.equal(plan.source.baseUrl, livepeerBaseUrl(emulator));
      assert.equal(new Set(tasks.map((t) => t.id)).size, F.totalTasks);
    });

    it('narrows by type and phase, naming the file after them', async () => {
      const { plan, tasks } = await drain({ type: 'upload', phase: 'failed' });
      assert.equal(plan.fileName, 'tasks-upload-failed');
      assert.equal(plan.expectedTotal, null);
      assert.deepEqual(plan.source.phase, 'failed');
      const expected = emulator.livepeer.tasks.filter((t) => t.type === 'upload' && t.status?.phase === 'failed');
      assert.deepEqual(tasks.map((t) => t.id).sort(), expected.map((t) => t.id).sort());
    });

    it('is what the Tasks entry downloads', async () => {
      const fromEntry = await tasksRoot.download?.plan({ type: 'upload' });
      const direct = await platform.planTaskListDownload({ type: 'upload' });
      assert.deepEqual([fromEntry?.fileName, fromEntry?.source], [direct.fileName, direct.source]);
    });
  });

  it('is what createPlatform builds for a livepeer connection', async () => {
    const built = createPlatform(
      { name: 'Demo (Livepeer)', kind: 'livepeer', baseUrl: livepeerBaseUrl(emulator) },
      { transport: createFetchTransport(), apiKey: emulator.apiKey },
    );
    assert.ok(built instanceof LivepeerPlatform);
    await built.verify();
  });
});
