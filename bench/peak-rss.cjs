// Preloaded into a child the bench starts (`node --require bench/peak-rss.cjs ...`): when it
// exits, writes its own peak RSS (kB) and the CPU time it used (ms, all its threads) to the file
// named by BENCH_PEAK_RSS_FILE, as "rss cpu".
const { writeFileSync } = require('node:fs');
process.on('exit', () => {
  const file = process.env.BENCH_PEAK_RSS_FILE;
  if (!file) return;
  const usage = process.resourceUsage();
  writeFileSync(file, `${usage.maxRSS} ${Math.round((usage.userCPUTime + usage.systemCPUTime) / 1000)}`);
});
