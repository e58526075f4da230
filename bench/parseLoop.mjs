// The export baseline, and its floor: read a task file line by line and JSON.parse every line,
// which any export of it must at least do. Usage: node bench/parseLoop.mjs <file>
// Prints one JSON line: { tasks, bytes, ms }.
import { createReadStream } from 'node:fs';
import { createInterface } from 'node:readline';

const [file] = process.argv.slice(2);
const started = performance.now();
let tasks = 0;
let bytes = 0;
for await (const line of createInterface({ input: createReadStream(file), crlfDelay: Infinity })) {
  if (line === '') continue;
  bytes += Buffer.byteLength(line) + 1;
  if (typeof JSON.parse(line).task_id === 'string') tasks++;
}
process.stdout.write(`${JSON.stringify({ tasks, bytes, ms: performance.now() - started })}\n`);
