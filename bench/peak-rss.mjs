// Preloaded into a measured process (`node --import ./bench/peak-rss.mjs ...`): at exit it writes the
// process's peak resident set size and CPU time to the file named by MTLSC_BENCH_RSS_FILE. VmHWM (Linux) is the
// kernel's high-water mark; process.resourceUsage().maxRSS is the portable fallback (both in KiB).
import { readFileSync, writeFileSync } from 'node:fs';

const out = process.env.MTLSC_BENCH_RSS_FILE;
if (out) {
  process.on('exit', () => {
    let vmHwmKb;
    try {
      const match = /^VmHWM:\s+(\d+) kB/m.exec(readFileSync('/proc/self/status', 'utf8'));
      vmHwmKb = match ? Number(match[1]) : undefined;
    } catch {
      vmHwmKb = undefined;
    }
    const usage = process.resourceUsage();
    const cpuMs = (usage.userCPUTime + usage.systemCPUTime) / 1000;
    writeFileSync(out, JSON.stringify({ vmHwmKb, maxRssKb: usage.maxRSS, cpuMs }));
  });
}
