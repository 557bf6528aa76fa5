// Preloaded into a child the bench starts (`node --require bench/peak-rss.cjs ...`): when it
// exits, writes its own peak RSS (kB) to the file named by BENCH_PEAK_RSS_FILE.
const { writeFileSync } = require('node:fs');
process.on('exit', () => {
  const file = process.env.BENCH_PEAK_RSS_FILE;
  if (file) writeFileSync(file, String(process.resourceUsage().maxRSS));
});
