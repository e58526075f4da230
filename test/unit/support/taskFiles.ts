/**
 * Task files for the taskfile tests: tasks from the emulator's seeded generator and showcase, plus
 * hand-written weird lines, written as JSONL into a temporary folder.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Task } from '../../../src/core/scale/types';
import { SHOWCASE, SHOWCASE_STATUSES, showcaseTask } from '../../emulator/scale/showcase';
import { generateTask, type TaskPlace, type TaskSummary } from '../../emulator/scale/taskGenerator';

const STATUS_PATTERN = ['completed', 'completed', 'completed', 'completed', 'error', 'completed', 'pending', 'completed', 'canceled'];

function summary(index: number, status: string): TaskSummary {
  const created = Date.UTC(2025, 4, 1) + index * 37_000;
  return {
    status,
    createdAt: new Date(created).toISOString(),
    completedAt: status === 'completed' ? new Date(created + 86_400_000).toISOString() : null,
  };
}

function place(seed: number, collection: number, index: number): TaskPlace {
  return { seed, collection, index, projectId: 'proj_taskfile', batchId: `batch_${collection}` };
}

/** `count` everyday generated tasks (statuses cycle through completed, error, pending, canceled). */
export function generatedTasks(count: number, seed = 7, collection = 3): Task[] {
  const out: Task[] = [];
  for (let i = 0; i < count; i++)
    out.push(generateTask(place(seed, collection, i), summary(i, STATUS_PATTERN[i % STATUS_PATTERN.length] ?? 'completed')));
  return out;
}

/** Every showcase task (kitchen sink, error, sensitive, unknown status, side by side, …). */
export function showcaseTasks(seed = 7, collection = 9): Task[] {
  return Object.values(SHOWCASE).map((index) =>
    showcaseTask(place(seed, collection, index), summary(index, SHOWCASE_STATUSES[index] ?? 'completed')),
  );
}

export class TempFolder {
  readonly path = mkdtempSync(join(tmpdir(), 'task-lens-taskfile-'));
  private count = 0;

  /** Writes lines (strings or raw bytes) joined by `\n`, with a final newline unless `noFinalNewline`. */
  write(lines: ReadonlyArray<string | Buffer>, options: { noFinalNewline?: boolean; name?: string } = {}): string {
    const file = join(this.path, options.name ?? `tasks-${this.count++}.jsonl`);
    const parts: Buffer[] = [];
    lines.forEach((line, i) => {
      parts.push(typeof line === 'string' ? Buffer.from(line, 'utf8') : line);
      if (i < lines.length - 1 || !options.noFinalNewline) parts.push(Buffer.from('\n'));
    });
    writeFileSync(file, Buffer.concat(parts));
    return file;
  }

  remove(): void {
    rmSync(this.path, { recursive: true, force: true });
  }
}
