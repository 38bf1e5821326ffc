import { closeSync, openSync, rmSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { toolVersion } from '../common/tool-version.ts';
import type { ReporterTarget, RunReporter } from './run-reporter.ts';
import type { ScenarioResult } from './run-results.ts';

/** The journal's name, inside the report folder, next to the reports it stands in for. */
export const finishedScenariosJournalName = 'results.partial.jsonl';

/** The first line of the journal: what the file is, so a person who finds it knows what to do with it. */
export interface JournalHeader {
  journal: 'mtls-conformance finished scenarios';
  version: 1;
  tool: { name: 'mtls-conformance'; version: string };
  startedAt: string;
}

/** Every later line: one finished scenario, as results.json will hold it, and its target. */
export interface JournalEntry {
  target: ReporterTarget;
  scenario: ScenarioResult;
}

/**
 * Writes each scenario to `<reportDir>/results.partial.jsonl` the moment it finishes (issue 21), one
 * JSON line each, so a run that dies before its reports (SIGKILL, the OOM killer, a power cut after the
 * page cache reached the disk) still leaves every result it had. A line is one write(2) of a whole
 * line, so a reader sees only whole lines but maybe the last. The results are already redacted (the
 * probe redacts each observation), as in results.json. `remove()` once the reports are written: the
 * journal exists only for a run that did not finish. Holding nothing in memory, it costs nothing as
 * targets grow.
 */
export class FinishedScenariosJournal implements RunReporter {
  readonly file: string;
  #fd: number | undefined;
  #failed = false;

  constructor(reportDir: string) {
    this.file = join(reportDir, finishedScenariosJournalName);
  }

  onScenarioEnd(target: ReporterTarget, scenario: ScenarioResult): void {
    if (this.#failed) return;
    // Reporter hooks must not throw: a journal that cannot be written (full disk) stops, the run goes on
    // and its reports are written (or kept elsewhere) as usual.
    try {
      this.#fd ??= this.#open();
      const entry: JournalEntry = {
        target: { name: target.name, url: target.url, suite: target.suite },
        scenario,
      };
      writeSync(this.#fd, `${JSON.stringify(entry)}\n`);
    } catch {
      this.#failed = true;
    }
  }

  /** Closes and deletes the journal: the reports now hold everything it did. */
  remove(): void {
    if (this.#fd !== undefined) closeSync(this.#fd);
    this.#fd = undefined;
    rmSync(this.file, { force: true });
  }

  #open(): number {
    // 'w': a journal left by an earlier run that died in this folder is replaced, as its reports would be.
    const fd = openSync(this.file, 'w', 0o644);
    const header: JournalHeader = {
      journal: 'mtls-conformance finished scenarios',
      version: 1,
      tool: { name: 'mtls-conformance', version: toolVersion },
      startedAt: new Date().toISOString(),
    };
    writeSync(fd, `${JSON.stringify(header)}\n`);
    return fd;
  }
}
