// The sample delivery that ships in the VSIX (media/sample/, git-ignored): a few hundred tasks from
// every project of the emulator's seeded world (every batch kind but the one 2,000-turn task, and
// the whole showcase: rubrics, rankings, unknown types, errors, sensitive reports), written as a
// task file with a manifest beside it, the way a download lands. Run by esbuild.mjs when missing.
//   node --import tsx scripts/sample.ts [outDir]
import { createHash } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { finishedFileManifest, sealed } from '../src/core/download/manifest';
import { MANIFEST_SUFFIX } from '../src/core/download/paths';
import { SAMPLE_FILE, SAMPLE_FOLDER } from '../src/core/taskfile/sample';
import { createScaleData } from '../test/emulator/scale/data';

const PER_BATCH = 45;

const outDir = path.resolve(process.argv[2] ?? path.join(import.meta.dirname, '..', ...SAMPLE_FOLDER));
const data = createScaleData({ seed: 42, deliverySize: 60 });
const lines: string[] = [];
const seen = new Set<string>();
for (const def of data.catalog.batches) {
  if (def.factory === 'big') continue;
  const source = data.batchSource(def);
  const take = def.factory === 'showcase' ? source.length : Math.min(PER_BATCH, source.length);
  for (let i = 0; i < take; i++) {
    const task = source.taskAt(i);
    if (seen.has(task.task_id)) continue;
    seen.add(task.task_id);
    lines.push(JSON.stringify(task));
  }
}
const text = `${lines.join('\n')}\n`;
mkdirSync(outDir, { recursive: true });
const file = path.join(outDir, SAMPLE_FILE);
writeFileSync(file, text);
const at = '2025-06-01T00:00:00.000Z';
const sha256 = createHash('sha256').update(text).digest('hex');
const bytes = Buffer.byteLength(text);
const source = {
  platform: 'scale',
  kind: 'sample',
  projectName: 'Every project of the Task Lens emulator',
  deliveryName: SAMPLE_FILE.replace(/\.jsonl$/, ''),
};
// Written as writeManifest writes (sealed, pretty), synchronously: this script is not a module.
const manifest = sealed(finishedFileManifest({ source, file: path.basename(file), count: lines.length, bytes, sha256, at }));
writeFileSync(`${file}${MANIFEST_SUFFIX}`, `${JSON.stringify(manifest, null, 2)}\n`);
console.log(`sample: ${lines.length} tasks, ${(bytes / 1024).toFixed(0)} KB → ${path.relative(process.cwd(), file)}`);
