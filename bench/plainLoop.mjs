// The download baseline a user would write in twenty lines: fetch each page of a delivery in
// sequence, JSON.parse it, JSON.stringify every task onto its own line and append the page to a
// file. Same query as the CLI, same emulator, same run.
// Usage: node bench/plainLoop.mjs <baseUrl> <apiKey> <query> <outFile>   (query without next_token)
// Prints one JSON line: { tasks, bytes, pages, ms }.
import { open } from 'node:fs/promises';

const [baseUrl, apiKey, query, outFile] = process.argv.slice(2);
const headers = { authorization: `Bearer ${apiKey}`, accept: 'application/json' };
const started = performance.now();
const out = await open(outFile, 'w');
let token;
let tasks = 0;
let bytes = 0;
let pages = 0;
do {
  const url = new URL(`/v2/delivery?${query}`, baseUrl);
  if (token) url.searchParams.set('next_token', token);
  const res = await fetch(url, { headers });
  if (!res.ok) throw new Error(`HTTP ${res.status} for ${url.pathname}`);
  const page = JSON.parse(await res.text());
  const text = page.tasks.map((task) => `${JSON.stringify(task)}\n`).join('');
  await out.write(text);
  bytes += Buffer.byteLength(text);
  tasks += page.tasks.length;
  token = page.next_token;
  pages++;
} while (token);
await out.close();
process.stdout.write(`${JSON.stringify({ tasks, bytes, pages, ms: performance.now() - started })}\n`);
