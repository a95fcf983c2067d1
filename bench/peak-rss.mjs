// Loaded with --import into a measured gtp process: at exit, writes its peak resident set size (KiB, as the
// kernel counts it, worker threads included) to the file GTP_BENCH_RSS_FILE names.
import { writeFileSync } from 'node:fs';

const file = process.env.GTP_BENCH_RSS_FILE;
if (file) process.on('exit', () => writeFileSync(file, String(process.resourceUsage().maxRSS)));
