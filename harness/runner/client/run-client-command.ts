import { spawn } from 'node:child_process';
import { runSecrets } from '../../common/run-secrets.ts';
import { SecretRegistry } from '../../common/secret-registry.ts';
import { tellingLine } from './client-telling-line.ts';

export interface ClientProcessOptions {
  /** Program and arguments, placeholders already filled. Run without a shell. */
  argv: readonly string[];
  /** Written to stdin, then stdin is closed. Default: closed at once (as `</dev/null`). */
  stdin?: string;
  /** Added to the inherited environment: the passphrase variable. */
  env: Readonly<Record<string, string>>;
  timeoutMs: number;
  /** Working folder. Default: the harness's. */
  cwd?: string;
  /** Kills the client when the run is interrupted. */
  signal?: AbortSignal;
  /** Redacted from the output excerpts, with the run's secrets: the passphrase, should the client print it. */
  secrets: readonly string[];
}

/** How the client process ended. Output is kept as excerpts only: reports must stay small. */
export interface ClientProcessOutcome {
  /** Exit code; null when it was killed or never started. */
  exitCode: number | null;
  /** The signal that ended it (`SIGKILL` after a timeout). */
  signal: NodeJS.Signals | null;
  timedOut: boolean;
  /** Why it could not be started (`spawn curlx ENOENT`). */
  spawnError?: string;
  durationMs: number;
  stdoutExcerpt: string;
  stderrExcerpt: string;
  /** The line that says why it gave up (see tellingLine), read from all it printed; secrets masked. */
  tellingLine?: string;
}

/** What is kept of each stream while it runs; the excerpt is cut from it. */
const keptBytes = 64 * 1024;
/** Characters kept of the start and of the end of each stream. */
const excerptEdge = 300;
/** Between SIGTERM and SIGKILL: a JVM or curl ends well within it. */
const killGraceMs = 2000;

/**
 * Runs the client under test once, in its own process group so that a timeout also ends whatever it
 * started (a wrapper script's children), and resolves when it has ended. Never rejects.
 */
export function runClientCommand(options: ClientProcessOptions): Promise<ClientProcessOutcome> {
  const started = performance.now();
  const [program, ...args] = options.argv;
  return new Promise((resolve) => {
    const child = spawn(program ?? '', args, {
      env: { ...process.env, ...options.env },
      ...(options.cwd !== undefined ? { cwd: options.cwd } : {}),
      stdio: ['pipe', 'pipe', 'pipe'],
      detached: true,
      shell: false,
    });
    const stdout = new KeptOutput();
    const stderr = new KeptOutput();
    child.stdout.on('data', (chunk: Buffer) => stdout.push(chunk));
    child.stderr.on('data', (chunk: Buffer) => stderr.push(chunk));
    // A client that exits without reading its stdin makes the write fail with EPIPE: not our concern.
    child.stdin.on('error', () => {});
    child.stdin.end(options.stdin ?? '');

    let timedOut = false;
    let spawnError: string | undefined;
    let killTimer: NodeJS.Timeout | undefined;
    const kill = (): void => {
      signalGroup(child.pid, 'SIGTERM');
      killTimer ??= setTimeout(() => signalGroup(child.pid, 'SIGKILL'), killGraceMs);
    };
    const timer = setTimeout(() => {
      timedOut = true;
      kill();
    }, options.timeoutMs);
    options.signal?.addEventListener('abort', kill, { once: true });

    child.once('error', (error) => {
      spawnError = error.message;
    });
    child.once('close', (exitCode, signal) => {
      clearTimeout(timer);
      clearTimeout(killTimer);
      options.signal?.removeEventListener('abort', kill);
      // The group may outlive its leader (a wrapper that exited first): end the rest too.
      if (spawnError === undefined) signalGroup(child.pid, 'SIGKILL');
      const [out, err] = [mask(stdout.text(), options.secrets), mask(stderr.text(), options.secrets)];
      const telling = tellingLine(err, out);
      resolve({
        // Node reports a program that could not start as closing with the negated errno (-2).
        exitCode: spawnError === undefined ? exitCode : null,
        signal,
        timedOut,
        ...(spawnError !== undefined ? { spawnError } : {}),
        durationMs: Math.round(performance.now() - started),
        stdoutExcerpt: excerpt(out, []),
        stderrExcerpt: excerpt(err, []),
        ...(telling === undefined ? {} : { tellingLine: telling }),
      });
    });
  });
}

function signalGroup(pid: number | undefined, signal: NodeJS.Signals): void {
  if (pid === undefined) return;
  try {
    process.kill(-pid, signal);
  } catch {
    // ESRCH: the group has already gone.
  }
}

/** The first `keptBytes` of a stream and its last `keptBytes`, so that both ends survive a flood. */
class KeptOutput {
  #head = Buffer.alloc(0);
  #tail: Buffer[] = [];
  #tailBytes = 0;
  #dropped = false;

  push(chunk: Buffer): void {
    if (this.#head.length < keptBytes) {
      const room = keptBytes - this.#head.length;
      this.#head = Buffer.concat([this.#head, chunk.subarray(0, room)]);
      chunk = chunk.subarray(room);
    }
    if (chunk.length === 0) return;
    this.#tail.push(chunk);
    this.#tailBytes += chunk.length;
    while (this.#tailBytes - (this.#tail[0]?.length ?? 0) >= keptBytes) {
      this.#tailBytes -= this.#tail.shift()!.length;
      this.#dropped = true;
    }
  }

  text(): string {
    const head = this.#head.toString('utf8');
    const tail = Buffer.concat(this.#tail).toString('utf8');
    return this.#dropped ? `${head}\n…\n${tail}` : head + tail;
  }
}

/**
 * The start and the end of an output, secrets masked (before the output is cut, so no piece of one is
 * left at a cut): where clients put the line that explains.
 */
export function excerpt(text: string, secrets: readonly string[]): string {
  const trimmed = mask(text, secrets).trim();
  if (trimmed.length <= 2 * excerptEdge) return trimmed;
  return `${trimmed.slice(0, excerptEdge)}\n…\n${trimmed.slice(-excerptEdge)}`;
}

/**
 * `text` with the run's secrets (runSecrets) and `secrets` (the keystore passphrase, `fromEnv` values)
 * redacted in every form: a client that prints its passphrase in base64 is masked too.
 */
function mask(text: string, secrets: readonly string[]): string {
  const registry = new SecretRegistry(runSecrets);
  for (const secret of secrets) registry.add(secret, 'a secret of the client');
  return registry.redact(text);
}
