import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { cliPath } from './run-cli-process.ts';

/**
 * The real CLI in a subprocess that a test talks to while it runs: waits for lines on stderr (a URL
 * to connect to), sends signals, and always ends in teardown (`stop()` kills what is left).
 */
export class CliSession {
  readonly #child: ChildProcessWithoutNullStreams;
  #stderr = '';
  #stdout = '';
  readonly #listeners = new Set<() => void>();
  readonly exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;

  constructor(args: readonly string[], options: { cwd?: string; env?: NodeJS.ProcessEnv } = {}) {
    this.#child = spawn(process.execPath, [cliPath, ...args], {
      cwd: options.cwd ?? process.cwd(),
      env: { ...process.env, ...options.env },
    });
    this.#child.stdin.end();
    this.#child.stdout.on('data', (chunk: Buffer) => {
      this.#stdout += chunk.toString('utf8');
    });
    this.#child.stderr.on('data', (chunk: Buffer) => {
      this.#stderr += chunk.toString('utf8');
      for (const listener of this.#listeners) listener();
    });
    this.exited = new Promise((resolve) => {
      this.#child.once('close', (code, signal) => {
        for (const listener of this.#listeners) listener();
        resolve({ code, signal });
      });
    });
  }

  get stderr(): string {
    return this.#stderr;
  }

  get stdout(): string {
    return this.#stdout;
  }

  /** The `nth` (0-based) match of `pattern` in stderr, once it has been printed; rejects after `timeoutMs`. */
  waitForStderr(pattern: RegExp, timeoutMs = 30_000, nth = 0): Promise<RegExpMatchArray> {
    const global = new RegExp(
      pattern.source,
      pattern.flags.includes('g') ? pattern.flags : `${pattern.flags}g`,
    );
    const find = () => [...this.#stderr.matchAll(global)][nth];
    return new Promise((resolve, reject) => {
      const check = (): void => {
        const match = find();
        if (match) {
          done();
          resolve(match);
        } else if (this.#child.exitCode !== null || this.#child.signalCode !== null) {
          done();
          reject(new Error(`the CLI ended before printing ${pattern}; stderr:\n${this.#stderr}`));
        }
      };
      const timer = setTimeout(() => {
        done();
        reject(new Error(`no ${pattern} on stderr within ${timeoutMs} ms; stderr:\n${this.#stderr}`));
      }, timeoutMs);
      const done = (): void => {
        clearTimeout(timer);
        this.#listeners.delete(check);
      };
      this.#listeners.add(check);
      check();
    });
  }

  signal(signal: NodeJS.Signals): void {
    this.#child.kill(signal);
  }

  /** Teardown: kills the CLI if it is still running and waits for it to end. */
  async stop(): Promise<void> {
    if (this.#child.exitCode === null && this.#child.signalCode === null) this.#child.kill('SIGKILL');
    await this.exited;
  }
}
