import { readFile } from 'node:fs/promises';

/**
 * CPU time the whole machine has spent busy so far (every process, every core), in ms, from
 * /proc/stat; NaN where there is none. The difference over a run, divided by its wall time, is how
 * many cores were busy: the harness's and its endpoints' together, and whatever else runs.
 */
export async function machineBusyMs(): Promise<number> {
  try {
    const cpu = (await readFile('/proc/stat', 'utf8'))
      .split('\n')[0]!
      .trim()
      .split(/\s+/)
      .slice(1)
      .map(Number);
    // user nice system idle iowait irq softirq steal: all but idle and iowait were busy.
    const busyTicks = cpu.reduce((sum, value, index) => (index === 3 || index === 4 ? sum : sum + value), 0);
    // USER_HZ is 100 on every Linux a Node binary runs on.
    return busyTicks * 10;
  } catch {
    return Number.NaN;
  }
}
