/**
 * One page's tasks → the bytes to append: each task must have an id, a task already in the file
 * (the server listed it twice) is left out and counted, and while a restarted listing is being
 * verified the tasks already in the file are checked against it instead of being written again.
 */
import { ServerFaultError } from './guards';
import type { IdSet } from './idSet';
import type { PrefixCheck } from './prefixCheck';
import type { RawPage } from './rawPages';

const NEWLINE = Buffer.from('\n');

export interface PageLines {
  /** Buffers to append, together ending with a newline (empty when nothing is new). */
  readonly lines: Buffer[];
  /** Tasks in `lines`. */
  readonly count: number;
  readonly duplicates: number;
}

/**
 * @param seen ids of the tasks in the file; new ids are added (while verifying, `check.seen` is
 *   used instead, and becomes the file's set once the check is done).
 * @param transform the per-task hook (e.g. redaction); without it, the bytes are the server's.
 */
export async function pageLines(
  page: RawPage,
  check: PrefixCheck | null,
  seen: IdSet,
  transform: ((task: unknown) => unknown) | undefined,
): Promise<PageLines> {
  const lines: Buffer[] = [];
  let count = 0;
  let duplicates = 0;
  for (let i = 0; i < page.items.length; i++) {
    const id = page.ids[i];
    if (id === undefined) {
      throw new ServerFaultError(
        `The server sent a task without an id (task_id) as item ${i + 1} of a page, so it cannot be written or checked for duplicates.`,
      );
    }
    const bytes = transform ? transformed(page.items[i] as Buffer, transform) : (page.items[i] as Buffer);
    if (check && !check.done) {
      await check.expect(Buffer.concat([bytes, NEWLINE]), id);
      continue;
    }
    const ids = check ? check.seen : seen;
    if (!ids.add(id)) {
      duplicates++;
      continue;
    }
    lines.push(bytes, NEWLINE);
    count++;
  }
  return { lines, count, duplicates };
}

function transformed(item: Buffer, transform: (task: unknown) => unknown): Buffer {
  return Buffer.from(JSON.stringify(transform(JSON.parse(item.toString('utf8')))) ?? 'null', 'utf8');
}
