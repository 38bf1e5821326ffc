import { spawn } from 'node:child_process';
import { readdir, readFile, readlink } from 'node:fs/promises';
import { cliPath } from './run-cli-process.ts';

/** The real CLI running in its own process, to be signalled while it works. */
export interface StartedCliProcess {
  pid: number;
  stderr(): string;
  /** Resolves once stderr matches `pattern` (checked on every chunk); rejects if the process ends first. */
  waitForStderr(pattern: RegExp): Promise<void>;
  /** Exit code and signal, once the process has ended and its output is read. */
  ended: Promise<{ code: number | null; signal: NodeJS.Signals | null; stdout: string; stderr: string }>;
  kill(signal: NodeJS.Signals): void;
}

export function startCliProcess(
  args: readonly string[],
  options: { cwd?: string; env?: NodeJS.ProcessEnv } = {},
): StartedCliProcess {
  const child = spawn(process.execPath, [cliPath, ...args], {
    cwd: options.cwd ?? process.cwd(),
    env: { ...process.env, ...options.env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  const watchers = new Set<() => void>();
  child.stdout.on('data', (chunk: Buffer) => {
    stdout += chunk.toString('utf8');
  });
  child.stderr.on('data', (chunk: Buffer) => {
    stderr += chunk.toString('utf8');
    watchers.forEach((watch) => watch());
  });
  const ended = new Promise<{
    code: number | null;
    signal: NodeJS.Signals | null;
    stdout: string;
    stderr: string;
  }>((resolve, reject) => {
    child.once('error', reject);
    child.once('close', (code, signal) => {
      watchers.forEach((watch) => watch());
      resolve({ code, signal, stdout, stderr });
    });
  });
  return {
    pid: child.pid!,
    stderr: () => stderr,
    ended,
    kill: (signal) => void child.kill(signal),
    waitForStderr: (pattern) =>
      new Promise((resolve, reject) => {
        const watch = (): void => {
          if (pattern.test(stderr)) {
            watchers.delete(watch);
            resolve();
          } else if (child.exitCode !== null || child.signalCode !== null) {
            watchers.delete(watch);
            reject(new Error(`the CLI ended before printing ${String(pattern)}:\n${stderr}`));
          }
        };
        watchers.add(watch);
        watch();
      }),
  };
}

/** PIDs of the live processes whose parent is `pid` (read from /proc, Linux). */
export async function childrenOf(pid: number): Promise<number[]> {
  const children: number[] = [];
  for (const entry of await readdir('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    const stat = await readFile(`/proc/${entry}/stat`, 'utf8').catch(() => '');
    // Field 4 is the parent PID; the command name (field 2) is in parentheses and may hold spaces.
    const parent = stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1];
    if (parent !== undefined && Number(parent) === pid) children.push(Number(entry));
  }
  return children;
}

/** Whether a process with this PID still exists (a zombie counts as gone). */
export async function isAlive(pid: number): Promise<boolean> {
  const stat = await readFile(`/proc/${pid}/stat`, 'utf8').catch(() => undefined);
  return stat !== undefined && stat.slice(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3) !== 'Z';
}

/**
 * The local addresses `pid` listens on over TCP: its socket inodes (/proc/PID/fd) matched with the
 * LISTEN rows (state 0A) of /proc/net/tcp and tcp6. IPv4 as dotted quads, IPv6 as 32 hex digits.
 */
export async function listeningAddressesOf(pid: number): Promise<string[]> {
  const inodes = new Set<string>();
  for (const fd of await readdir(`/proc/${pid}/fd`).catch(() => [] as string[])) {
    const target = await readlink(`/proc/${pid}/fd/${fd}`).catch(() => '');
    const inode = /^socket:\[(\d+)\]$/.exec(target)?.[1];
    if (inode) inodes.add(inode);
  }
  const addresses: string[] = [];
  for (const table of ['/proc/net/tcp', '/proc/net/tcp6']) {
    const rows = (await readFile(table, 'utf8').catch(() => '')).split('\n').slice(1);
    for (const row of rows) {
      const fields = row.trim().split(/\s+/);
      const [local, state, inode] = [fields[1], fields[3], fields[9]];
      if (!local || state !== '0A' || !inode || !inodes.has(inode)) continue;
      const [hex] = local.split(':');
      addresses.push(hex!.length === 8 ? ipv4FromProcHex(hex!) : hex!);
    }
  }
  return addresses;
}

// /proc/net/tcp prints the address as one little-endian 32-bit number in hex.
function ipv4FromProcHex(hex: string): string {
  return [6, 4, 2, 0].map((at) => parseInt(hex.slice(at, at + 2), 16)).join('.');
}
