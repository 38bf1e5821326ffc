import { spawn, type ChildProcess } from 'node:child_process';
import { setTimeout as delay } from 'node:timers/promises';

/** What went wrong when the binary could not be run at all. */
export interface SpawnFailure {
  /** `ENOENT`, `EACCES`, … */
  code: string;
}

/** A target's server process: its output so far, how it ended, and a reliable stop. */
export interface TargetProcess {
  readonly pid: number;
  /** stdout and stderr as they arrived, interleaved; the first 64 KiB. */
  output(): string;
  /** Undefined while running; afterwards e.g. `exited with code 1` or `killed by SIGTERM`. */
  exitReason(): string | undefined;
  /**
   * SIGTERM to the process (nginx's master then stops its workers: "fast shutdown"), SIGKILL to its
   * whole group if it has not exited after `graceMs`. Resolves once it has exited.
   */
  stop(graceMs?: number): Promise<void>;
}

const OUTPUT_LIMIT = 64 * 1024;
const live = new Set<number>();
let exitHookInstalled = false;

/** Where and with what environment a target's process runs. */
export interface TargetProcessOptions {
  /** Working directory. Default: this process's. HAProxy and the JSSE server resolve relative paths against it. */
  cwd?: string;
  /** The whole environment. Default: this process's. */
  env?: NodeJS.ProcessEnv;
}

/**
 * Starts a server process in its own process group (so stop() also reaches nginx's workers), or
 * returns how spawning failed. Process groups still alive when Node exits (process.exit from the CLI,
 * an uncaught error) are killed then, so a crashed run leaves no server behind.
 */
export async function spawnTargetProcess(
  binary: string,
  args: readonly string[],
  options: TargetProcessOptions = {},
): Promise<TargetProcess | SpawnFailure> {
  const child = spawn(binary, args, {
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
    ...(options.cwd !== undefined && { cwd: options.cwd }),
    ...(options.env !== undefined && { env: options.env }),
  });
  // `error` instead of `spawn` when the binary cannot be executed (ENOENT, EACCES).
  const spawned = await new Promise<NodeJS.ErrnoException | undefined>((resolve) => {
    child.once('spawn', () => resolve(undefined));
    child.once('error', resolve);
  });
  if (spawned !== undefined) return { code: spawned.code ?? spawned.message };
  return trackProcess(child);
}

function trackProcess(child: ChildProcess): TargetProcess {
  const pid = child.pid!;
  let text = '';
  let ended: string | undefined;
  const append = (chunk: Buffer) => {
    if (text.length < OUTPUT_LIMIT) text += chunk.toString('utf8');
  };
  child.stdout!.on('data', append);
  child.stderr!.on('data', append);
  const exited = new Promise<void>((resolve) => {
    child.once('exit', (code, signal) => {
      ended = signal === null ? `exited with code ${code}` : `killed by ${signal}`;
      live.delete(pid);
      resolve();
    });
  });
  live.add(pid);
  installExitHook();
  return {
    pid,
    output: () => text,
    exitReason: () => ended,
    async stop(graceMs = 5000) {
      if (ended !== undefined) return;
      try {
        process.kill(pid, 'SIGTERM');
      } catch {
        // ESRCH: it exited between the check and the signal.
      }
      // Unreferenced: once the process has exited, a pending grace timer must not hold the CLI's exit
      // (an interrupted run waited out the full grace after nginx had stopped).
      const timer = delay(graceMs, undefined, { ref: false }).then(() => 'timeout' as const);
      if ((await Promise.race([exited, timer])) === 'timeout') {
        signalGroup(pid, 'SIGKILL');
        await exited;
      }
    },
  };
}

function signalGroup(pid: number, signal: NodeJS.Signals): void {
  try {
    process.kill(-pid, signal);
  } catch {
    // ESRCH: the group is already gone.
  }
}

function installExitHook(): void {
  if (exitHookInstalled) return;
  exitHookInstalled = true;
  process.once('exit', () => {
    for (const pid of live) signalGroup(pid, 'SIGKILL');
  });
}

export function isSpawnFailure(value: TargetProcess | SpawnFailure): value is SpawnFailure {
  return 'code' in value;
}
