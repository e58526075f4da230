/**
 * `--search` over an index: the index keeps no message texts (they are most of the file), so the
 * explorer runs one more streaming pass and gets a per-row hit map to pass to `compileQuery`.
 */
import { forEachLine, parseObjectLine, type ReadLinesOptions } from './lineReader';
import type { TaskIndex } from './taskIndex';
import { taskMentions } from './taskWalk';

export { taskMentions } from './taskWalk';

/** 1 for each row whose messages' content.text contains `text` (case-insensitive). */
export async function searchTaskFile(path: string, index: TaskIndex, text: string, options: ReadLinesOptions = {}): Promise<Uint8Array> {
  const hits = new Uint8Array(index.size);
  const needle = text.toLowerCase();
  const offsets = index.tasks.offset;
  let row = 0;
  await forEachLine(
    path,
    (line, place) => {
      // Rows are in file order; a line that is not the next row's is an unreadable one.
      if (row >= index.size || offsets.get(row) !== place.offset) return;
      const task = parseObjectLine(line);
      if (typeof task !== 'string' && taskMentions(task, needle)) hits[row] = 1;
      row++;
    },
    options,
  );
  return hits;
}
