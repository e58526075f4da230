// The download baseline: fetch every page of a delivery in sequence, following next_token, and do
// nothing with the bodies but count their bytes. Same query as the CLI, same emulator, same run.
// Usage: node bench/rawLoop.mjs <baseUrl> <apiKey> <query>   (query without next_token)
// Prints one JSON line: { tasks, bytes, pages, ms }.
const [baseUrl, apiKey, query] = process.argv.slice(2);
const headers = { authorization: `Bearer ${apiKey}`, accept: 'application/json' };
const started = performance.now();
let token;
let tasks = 0;
let bytes = 0;
let pages = 0;
do {
  const url = new URL(`/v2/delivery?${query}`, baseUrl);
  if (token) url.searchParams.set('next_token', token);
  const res = await fetch(url, { headers });
  if (!res.ok) throw new Error(`HTTP ${res.status} for ${url.pathname}`);
  const text = await res.text();
  bytes += Buffer.byteLength(text);
  // Reading next_token is the least a loop can do; parsing the page is what any client must do too.
  const page = JSON.parse(text);
  tasks += page.tasks.length;
  token = page.next_token;
  pages++;
} while (token);
process.stdout.write(`${JSON.stringify({ tasks, bytes, pages, ms: performance.now() - started })}\n`);
