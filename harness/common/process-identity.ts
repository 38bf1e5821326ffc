import { readFileSync } from 'node:fs';
import { hostname } from 'node:os';

/**
 * Who a process is, well enough to tell later whether it still runs: its pid, its host, and on Linux
 * the moment it started in clock ticks since boot (/proc/PID/stat field 22), so that a pid the kernel
 * has since given to another process is not taken for it.
 */
export interface ProcessIdentity {
  pid: number;
  hostname: string;
  /** /proc/PID/stat's starttime; absent where there is no /proc. */
  startTicks?: string;
}

export function currentProcessIdentity(): ProcessIdentity {
  const startTicks = processStartTicks(process.pid);
  return { pid: process.pid, hostname: hostname(), ...(startTicks === undefined ? {} : { startTicks }) };
}

/**
 * `running` (the same process, alive), `gone` (no such process on this host, or its pid now belongs to
 * one that started at another moment), or `unknown` (another host: its processes cannot be seen).
 */
export function processState(identity: ProcessIdentity): 'running' | 'gone' | 'unknown' {
  if (identity.hostname !== hostname()) return 'unknown';
  try {
    process.kill(identity.pid, 0);
  } catch (error) {
    // EPERM: it exists, owned by another user.
    if ((error as NodeJS.ErrnoException).code !== 'EPERM') return 'gone';
  }
  const ticks = processStartTicks(identity.pid);
  if (identity.startTicks !== undefined && ticks !== undefined && ticks !== identity.startTicks)
    return 'gone';
  return 'running';
}

function processStartTicks(pid: number): string | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // The command name (field 2) is in parentheses and may hold spaces: count from the last ')'.
    return stat.slice(stat.lastIndexOf(')') + 2).split(' ')[19];
  } catch {
    return undefined;
  }
}
