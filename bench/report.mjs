// Turns the raw samples into figures (median, baseline, ratio, target, met) and the markdown table.
import { figure, KB, MB, ms, show, upTo } from './lib/figure.mjs';
import { median, round } from './lib/stats.mjs';

export function sizeFigures(sizes) {
  return [
    figure({
      id: 'bundle',
      name: '`dist/extension.js` (minified)',
      unit: 'KB',
      runs: [sizes.extensionJs / KB],
      baseline: { name: 'same bundle, not minified', runs: [sizes.unminified / KB] },
      target: '≤ 300 KB',
      met: sizes.extensionJs / KB <= 300,
    }),
    figure({
      id: 'vsix',
      name: 'VSIX',
      unit: 'KB',
      runs: [sizes.vsix / KB],
      baseline: { name: 'VSIX of an empty extension', runs: [sizes.emptyVsix / KB] },
      target: '≤ 1 MB',
      met: sizes.vsix / KB <= 1024,
    }),
  ];
}

const medianOf = (items, key) => median(items.map((i) => i?.[key]));

/** Where `activate()` went, from VS Code's own marks in the extension host (medians). */
function phaseNote(samples) {
  const parts = (key) => {
    const list = samples.map((s) => s[key]).filter(Boolean);
    if (!list.length) return 'no marks';
    return ['beforeLoadMs', 'codeLoadMs', 'contextWaitMs', 'activateCallMs', 'afterMs']
      .map((k) => `${k.replace(/Ms$/, '')} ${ms(medianOf(list, k))}`)
      .join(', ');
  };
  return `extension host marks (median): Task Lens — ${parts('taskLensPhases')}; empty — ${parts('emptyPhases')}`;
}

export function activationFigures(samples) {
  if (!Array.isArray(samples))
    return [figure({ id: 'activate', name: '`activate()`', unit: 'ms', runs: [], note: String(samples.error).split('\n')[0] })];
  const ok = samples.filter((s) => !s.error).slice(1); // the first extension host is a warm-up
  const empty = { name: 'empty extension, same hosts', runs: ok.map((s) => s.emptyMs) };
  const load = figure({
    id: 'activate',
    name: '`activate()`: load + activate, fresh extension host',
    unit: 'ms',
    runs: ok.map((s) => s.taskLensMs),
    baseline: empty,
    target: '≤ 20 ms',
  });
  const body = figure({
    id: 'activateBody',
    name: '`activate()` body only (as logged)',
    unit: 'ms',
    runs: ok.map((s) => s.loggedMs),
    baseline: empty,
    target: '≤ 20 ms',
  });
  for (const f of [load, body]) f.met = upTo(20)(f.value);
  load.note = phaseNote(ok);
  return [load, body];
}

function sidebarNote(tree) {
  const p = tree.sidebarParts;
  const split = `workbench asks ${ms(medianOf(p, 'askMs'))}, provider loads ${ms(medianOf(p, 'providerMs'))}, rows drawn ${ms(medianOf(p, 'renderMs'))} after it returns, of which getTreeItem ${ms(medianOf(p, 'treeItemMs'))} (medians; clock alignment ±${tree.clock.uncertaintyMs.toFixed(1)} ms)`;
  return [split, ...tree.notes].join('; ');
}

export function treeFigures(tree, batchSize) {
  if (tree.error) return [figure({ id: 'tree', name: 'First page in the tree', unit: 'ms', runs: [], note: tree.error.split('\n')[0] })];
  const raw = { name: 'one raw fetch of the same page', runs: tree.rawMs };
  const limit = 1.3 * median(tree.rawMs) + 50;
  const target = `≤ 1.3× raw + 50 ms (${limit.toFixed(0)} ms)`;
  const size = batchSize.toLocaleString('en-US');
  return [
    figure({
      id: 'treePage',
      name: `First page of a ${size}-task batch: tree returns the items`,
      unit: 'ms',
      runs: tree.treeMs,
      baseline: raw,
      target,
      met: upTo(limit)(median(tree.treeMs)),
    }),
    figure({
      id: 'treeSidebar',
      name: `First page of a ${size}-task batch: rows in the sidebar DOM`,
      unit: 'ms',
      runs: tree.sidebarMs,
      baseline: raw,
      target,
      met: upTo(limit)(median(tree.sidebarMs)),
      note: sidebarNote(tree),
    }),
  ];
}

/** The spread of a figure's runs, for the notes: “runs 41–77 ms”. */
function spreadNote(runs) {
  const xs = runs.filter((v) => typeof v === 'number').sort((a, b) => a - b);
  return xs.length > 1 ? `runs ${ms(xs[0])}–${ms(xs.at(-1))}` : null;
}

export function taskViewFigures(view) {
  if (view.error) return [figure({ id: 'taskView', name: 'Task view', unit: 'ms', runs: [], note: view.error.split('\n')[0] })];
  const pick = (kind, key) => view[kind].samples.map((s) => s[key]);
  const mb = (kind) => (view[kind].bytes / MB).toFixed(1);
  const trivialFirst = { name: 'trivial task (1 turn), first content', runs: pick('trivial', 'pageFirstMs') };
  const trivialComplete = { name: 'trivial task (1 turn), complete', runs: pick('trivial', 'pageCompleteMs') };
  const page = (id, kind, key, label, base, limit) =>
    figure({
      id,
      name: label,
      unit: 'ms',
      runs: pick(kind, key),
      baseline: base,
      target: `≤ ${limit} ms`,
      met: upTo(limit)(median(pick(kind, key))),
      note: spreadNote(pick(kind, key)),
    });
  // From the page's `ready` (webview started) to complete: fetching the task, handing it to the page
  // and rendering it. Webview start-up itself is VS Code's, reported in the note.
  const loadRuns = (kind) => view[kind].samples.map((s) => s.openCompleteMs - s.openReadyMs);
  const loadRow = (id, kind, label) => {
    const starts = pick(kind, 'openReadyMs');
    const stalled = starts.filter((ms) => ms > 10_000).length;
    const note = `no target; webview start (open → ready) ${ms(median(starts))} median${stalled ? `, ${stalled} of ${starts.length} starts stalled > 10 s (VS Code web's webview service worker)` : ''}`;
    return figure({
      id,
      name: label,
      unit: 'ms',
      runs: loadRuns(kind),
      baseline: { name: 'one raw fetch of the task JSON', runs: view[kind].rawMs },
      note,
    });
  };
  return [
    page('bigFirst', 'big', 'pageFirstMs', `Task view, 2,000 turns (${mb('big')} MB): first content`, trivialFirst, 100),
    page('bigComplete', 'big', 'pageCompleteMs', `Task view, 2,000 turns (${mb('big')} MB): complete`, trivialComplete, 500),
    page('hugeFirst', 'huge', 'pageFirstMs', `Task view, 10,000 turns (${mb('huge')} MB): first content`, trivialFirst, 1000),
    page('hugeComplete', 'huge', 'pageCompleteMs', `Task view, 10,000 turns (${mb('huge')} MB): complete`, trivialComplete, 1000),
    page('manyFirst', 'manyAnnotations', 'pageFirstMs', 'Task view, 2,000 annotations on one message: first content', trivialFirst, 100),
    figure({
      id: 'hugeNodes',
      name: 'Task view, 10,000 turns: DOM elements when complete',
      unit: 'elements',
      runs: pick('huge', 'nodes'),
      baseline: { name: 'trivial task (1 turn)', runs: pick('trivial', 'nodes') },
      target: '≤ 20,000',
      met: upTo(20_000)(median(pick('huge', 'nodes'))),
    }),
    page('typicalFirst', 'typical', 'pageFirstMs', 'Task view, typical task: first content', trivialFirst, 50),
    page('typicalComplete', 'typical', 'pageCompleteMs', 'Task view, typical task: complete', trivialComplete, 50),
    loadRow('bigLoad', 'big', 'Task view, 2,000 turns: fetch + hand over + render (from the page’s ready)'),
    loadRow('hugeLoad', 'huge', 'Task view, 10,000 turns: fetch + hand over + render (from the page’s ready)'),
    loadRow('typicalLoad', 'typical', 'Task view, typical task: fetch + hand over + render (from the page’s ready)'),
  ];
}

/** The table, then one line per figure that carries a note (breakdowns, runs left out). */
export function markdownTable(figures) {
  const lines = [
    '| Measure | Median | Runs | Baseline (same run) | Ratio | Target | Met |',
    '| --- | ---: | ---: | --- | ---: | --- | :---: |',
  ];
  for (const f of figures) {
    let value = show(f.value, f.unit);
    if (f.mbPerSecond) value += ` (${show(f.mbPerSecond.value, 'MB/s')})`;
    let base = f.baseline ? `${show(f.baseline.value, f.unit)} — ${f.baseline.name}` : '—';
    if (f.mbPerSecond) base = `${show(f.baseline.value, f.unit)} (${show(f.mbPerSecond.baseline, 'MB/s')}) — ${f.baseline.name}`;
    const met = f.met === null ? '—' : f.met ? 'yes' : '**no**';
    const r = f.ratio === null ? '—' : `${round(f.ratio, 2).toFixed(2)}×`;
    lines.push(`| ${f.name} | ${value} | ${f.runs.length} | ${base} | ${r} | ${f.target ?? '—'} | ${met} |`);
  }
  const notes = figures.filter((f) => f.note).map((f) => `- ${f.name}: ${f.note}`);
  return [...lines, ...(notes.length ? ['', 'Notes:', '', ...notes] : [])].join('\n');
}

/** The explorer's index and the report over one task file (bench/taskfile.mjs). */
export function taskfileFigures(tf) {
  if (!tf || tf.error)
    return [figure({ id: 'taskfile', name: 'Task file index', unit: '', runs: [], note: tf?.error?.split('\n')[0] ?? 'not run' })];
  const mbs = (msRuns) => msRuns.map((ms) => tf.bytes / MB / (ms / 1000));
  const size = `${tf.tasks.toLocaleString('en-US')} tasks, ${Math.round(tf.bytes / MB)} MB`;
  const spread = (xs) => `${Math.round(Math.min(...xs))}–${Math.round(Math.max(...xs))}`;
  const speed = figure({
    id: 'indexSpeed',
    name: `Index a task file (${size}): one streaming pass`,
    unit: 'MB/s',
    runs: mbs(tf.indexMs),
    baseline: { name: 'line-by-line JSON.parse loop, same file', runs: mbs(tf.parseLoopMs) },
    target: '≥ 100 MB/s and ≥ 0.5× the parse loop',
    note: `CPU time; spread ${spread(mbs(tf.indexMs))} MB/s vs parse loop ${spread(mbs(tf.parseLoopMs))} MB/s; wall ${Math.round(median(mbs(tf.indexWallMs ?? [])))} vs ${Math.round(median(mbs(tf.parseLoopWallMs ?? [])))} MB/s`,
  });
  speed.met = speed.value >= 100 && speed.ratio !== null && speed.ratio >= 0.5;
  const heap = figure({
    id: 'indexHeap',
    name: `Index kept in memory (${size})`,
    unit: 'MB',
    runs: [tf.indexHeapMb],
    target: '≤ 200 MB',
    note: 'heap and typed-array buffers held after the pass (collected before and after)',
  });
  heap.met = upTo(200)(heap.value);
  const timed = (id, name, runs, limit) => {
    const f = figure({ id, name, unit: 'ms', runs, target: `≤ ${limit} ms`, note: `CPU time; spread ${spread(runs)} ms` });
    f.met = upTo(limit)(f.value);
    return f;
  };
  return [
    speed,
    heap,
    timed(
      'filter',
      `Filter ${tf.tasks.toLocaleString('en-US')} rows (\`${tf.condition}\`, status completed → ${tf.matched.toLocaleString('en-US')})`,
      tf.filterMs,
      200,
    ),
    timed('firstSort', `First sort by a column (orders all ${tf.tasks.toLocaleString('en-US')} rows once)`, [tf.firstSortMs], 1000),
    timed('sort', `Sort the ${tf.matched.toLocaleString('en-US')} matching rows by completed time`, tf.sortMs, 200),
    timed('report', `Quality report of all ${tf.tasks.toLocaleString('en-US')} tasks, from the index`, tf.reportMs, 1000),
    timed('follow', `Quality report following that filter (${tf.matched.toLocaleString('en-US')} tasks)`, tf.followMs, 200),
    ...(tf.tableSelectMs?.length
      ? [
          timed('explorerSet', 'Explorer: filter + sort the table’s set (that filter, by completed time)', tf.tableSelectMs, 200),
          timed('explorerFirstRows', 'Explorer: first rows after the index (a window of 100 rows × 14 columns)', tf.firstRowsMs, 300),
          {
            ...timed('explorerRowRead', 'Explorer: a row read back by its offset for the task view', tf.rowReadMs, 150),
            note: 'wall time (a disk read); the task view’s own render is measured in the task view rows of the full bench',
          },
        ]
      : []),
  ];
}
