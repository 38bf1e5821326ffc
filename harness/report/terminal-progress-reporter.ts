import { oneLine, truncate } from './printable-text.ts';
import type { ReporterTarget, RunReporter } from './run-reporter.ts';
import type { ScenarioResult } from './run-results.ts';
import { terminalStyle, type TerminalStyle } from './terminal-style.ts';
import { shownVerdict } from './shown-verdict.ts';
import { verdictSymbol } from './verdict-symbol.ts';

/** A stream progress is written to; a TTY (process.stderr at a terminal) gets an updating line. */
export interface ProgressStream {
  write(text: string): unknown;
  isTTY?: boolean;
  columns?: number;
}

export interface TerminalProgressOptions {
  /** ANSI colours. Default false. */
  color?: boolean;
}

/**
 * Shows a run's progress. On a TTY: one line rewritten in place (`[12/30] gateway › tls-1.3`), with
 * each failure printed above it as it happens, and the line cleared at the end. Elsewhere (CI logs,
 * files): one line per finished scenario.
 */
export class TerminalProgressReporter implements RunReporter {
  readonly #stream: ProgressStream;
  readonly #style: TerminalStyle;
  readonly #running = new Map<string, string>();
  #total: number | undefined;
  #done = 0;
  #lineShown = false;

  constructor(stream: ProgressStream, options: TerminalProgressOptions = {}) {
    this.#stream = stream;
    this.#style = terminalStyle(options.color ?? false);
  }

  onRunStart(run: { targets: number; scenarios: number }): void {
    this.#total = run.scenarios;
  }

  onScenarioStart(target: ReporterTarget, scenario: Pick<ScenarioResult, 'id' | 'title'>): void {
    this.#running.set(runningKey(target, scenario.id), `${oneLine(target.name)} › ${oneLine(scenario.id)}`);
    if (this.#stream.isTTY) this.#showStatus();
  }

  onScenarioEnd(target: ReporterTarget, result: ScenarioResult): void {
    this.#running.delete(runningKey(target, result.id));
    this.#done += 1;
    const line = progressLine({ done: this.#done, total: this.#total }, target, result, this.#style);
    if (!this.#stream.isTTY) {
      this.#stream.write(`${line}\n`);
      return;
    }
    if (result.verdict === 'fail') {
      this.#clearStatus();
      this.#stream.write(`${line}\n`);
    }
    this.#showStatus();
  }

  onWorkersStarted(workers: { count: number; why: string }): void {
    if (this.#stream.isTTY) this.#clearStatus();
    this.#stream.write(`Probes now run on ${workers.count} worker thread(s): ${workers.why}.\n`);
    if (this.#stream.isTTY) this.#showStatus();
  }

  onRunEnd(): void {
    if (this.#stream.isTTY) this.#clearStatus();
  }

  #showStatus(): void {
    const [first] = this.#running.values();
    const more = this.#running.size > 1 ? ` (+${this.#running.size - 1} running)` : '';
    const status = `${counter(this.#done, this.#total)}${first ? ` ${first}` : ''}${more}`;
    const width = Math.max(20, (this.#stream.columns ?? 80) - 1);
    this.#stream.write(`\r\u001B[2K${truncate(status, width)}`);
    this.#lineShown = true;
  }

  #clearStatus(): void {
    if (!this.#lineShown) return;
    // CR then "erase in line" (ECMA-48 EL, CSI 2 K) so the next text starts on a clean line.
    this.#stream.write('\r\u001B[2K');
    this.#lineShown = false;
  }
}

/**
 * One finished scenario: `[ 3/30] ✔ gateway › trusted-client (12 ms)`, with the reason after a colon
 * when it did not pass.
 */
export function progressLine(
  progress: { done: number; total: number | undefined },
  target: ReporterTarget,
  result: ScenarioResult,
  style: TerminalStyle = terminalStyle(false),
): string {
  const reason = result.verdict === 'pass' ? '' : `: ${oneLine(result.reason)}`;
  return (
    `${counter(progress.done, progress.total)} ${verdictSymbol(shownVerdict(result), style)} ` +
    `${oneLine(target.name)} › ${oneLine(result.id)} (${result.durationMs} ms)${reason}`
  );
}

function counter(done: number, total: number | undefined): string {
  return total === undefined ? `[${done}]` : `[${String(done).padStart(String(total).length)}/${total}]`;
}

function runningKey(target: ReporterTarget, id: string): string {
  return `${target.name}\u0000${id}`;
}
