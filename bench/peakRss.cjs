// Preloaded with `node --require bench/peakRss.cjs …`: when the process exits, writes its peak
// resident set size (KB, as the kernel counts it) and CPU time (ms) to the file named by
// BENCH_RSS_FILE, as JSON.
const { writeFileSync } = require('node:fs');

const file = process.env.BENCH_RSS_FILE;
if (file) {
  process.on('exit', () => {
    const usage = process.resourceUsage();
    writeFileSync(file, JSON.stringify({ maxRssKb: usage.maxRSS, cpuMs: (usage.userCPUTime + usage.systemCPUTime) / 1000 }));
  });
}
