import { describeTotals } from './describe-totals.ts';
import { targetErrorTestTitle } from './mocha-titles.ts';
import { oneLine, truncate } from './printable-text.ts';
import type { RunResults, TargetResult } from './run-results.ts';
import { terminalStyle, type TerminalStyle } from './terminal-style.ts';
import { shownVerdict, shownVerdictLabels, type ShownVerdict } from './shown-verdict.ts';
import { verdictSymbol } from './verdict-symbol.ts';

export interface TerminalSummaryOptions {
  /** ANSI colours. */
  color: boolean;
  /** Columns the key of scenario numbers may use. Default 80. */
  width?: number;
}

const nameWidthLimit = 28;

/**
 * The end-of-run summary: a matrix of targets × scenarios (columns numbered, with a key of ids), each
 * failing scenario as `target › scenario: reason` with its likely cause and the command that
 * reproduces it, and the totals. A fail the harness could not decide is marked `?`, apart from the
 * endpoint's nonconformances (`✘`). The caller adds where the reports are.
 */
export function renderTerminalSummary(results: RunResults, options: TerminalSummaryOptions): string {
  const style = terminalStyle(options.color);
  const ids = scenarioIds(results.targets);
  const names = results.targets.map((target) => truncate(oneLine(target.name), nameWidthLimit));
  const nameWidth = Math.max(0, ...names.map((name) => name.length));
  const lines: string[] = [];
  if (ids.length > 0) {
    lines.push(
      `${''.padEnd(nameWidth)} ${ids.map((_, index) => style.dim(String(index + 1).padStart(2))).join(' ')}`,
    );
  }
  results.targets.forEach((target, index) => {
    lines.push(`${(names[index] ?? '').padEnd(nameWidth)} ${matrixRow(target, ids, style)}`);
  });
  if (ids.length > 0) {
    lines.push('', ...scenarioKey(ids, options.width ?? 80), '');
    const legend = (Object.keys(shownVerdictLabels) as ShownVerdict[]).map(
      (verdict) => `${verdictSymbol(verdict, style)} ${shownVerdictLabels[verdict]}`,
    );
    lines.push(style.dim(legend.join('  ')));
  }
  const failures = failureLines(results.targets, style);
  if (failures.length > 0) lines.push('', ...failures);
  const expiry = expiryLines(results.targets, style);
  if (expiry.length > 0) lines.push('', 'Certificate expiry (days left):', ...expiry);
  const ok = results.summary.fail === 0 && !results.targets.some((target) => target.error !== undefined);
  lines.push('', (ok ? style.pass : style.fail)(describeTotals(results)));
  return `${lines.join('\n')}\n`;
}

/** Scenario ids in the order they first appear, across targets (targets may run different suites). */
function scenarioIds(targets: readonly TargetResult[]): string[] {
  const ids = new Set<string>();
  for (const target of targets) for (const scenario of target.scenarios) ids.add(scenario.id);
  return [...ids];
}

function matrixRow(target: TargetResult, ids: readonly string[], style: TerminalStyle): string {
  if (target.error !== undefined) {
    // The reason follows once, among the failures.
    return ` ${verdictSymbol('undecided', style)} ${style.skip(target.provider === 'url' ? 'unreachable' : 'did not start')}`;
  }
  const verdicts = new Map(target.scenarios.map((scenario) => [scenario.id, shownVerdict(scenario)]));
  return ids
    .map((id) => {
      const verdict = verdicts.get(id);
      return ` ${verdict ? verdictSymbol(verdict, style) : ' '}`;
    })
    .join(' ');
}

// The key, laid out in columns read top to bottom, as many as fit in `width`.
function scenarioKey(ids: readonly string[], width: number): string[] {
  const entries = ids.map((id, index) => `${String(index + 1).padStart(2)} ${oneLine(id)}`);
  const entryWidth = Math.max(...entries.map((entry) => entry.length)) + 2;
  const columns = Math.max(1, Math.floor((width + 2) / entryWidth));
  const rows = Math.ceil(entries.length / columns);
  const lines: string[] = [];
  for (let row = 0; row < rows; row += 1) {
    const cells: string[] = [];
    for (let column = 0; column < columns; column += 1) {
      const entry = entries[column * rows + row];
      if (entry !== undefined) cells.push(entry.padEnd(entryWidth));
    }
    lines.push(cells.join('').trimEnd());
  }
  return lines;
}

// Each failure: `✘ target › scenario: reason` (`?` when undecided), then, indented, what most likely
// causes it and the command that repeats it by hand, so a CI log holds what to do next.
function failureLines(targets: readonly TargetResult[], style: TerminalStyle): string[] {
  const lines: string[] = [];
  for (const target of targets) {
    const name = oneLine(target.name);
    if (target.error !== undefined) {
      lines.push(
        `${verdictSymbol('undecided', style)} ${name} › ${targetErrorTestTitle(target)}: ${oneLine(target.error)}`,
      );
    }
    for (const scenario of target.scenarios) {
      if (scenario.verdict !== 'fail') continue;
      const shown = shownVerdict(scenario);
      const undecided = shown === 'undecided' ? ' (could not decide)' : '';
      lines.push(
        `${verdictSymbol(shown, style)} ${name} › ${oneLine(scenario.id)}${undecided}: ${oneLine(scenario.reason)}`,
      );
      if (scenario.likelyCause) lines.push(`    likely cause: ${oneLine(scenario.likelyCause)}`);
      if (scenario.reproduce) lines.push(`    reproduce: ${oneLine(scenario.reproduce)}`);
    }
  }
  return lines;
}

// One line per target: `  gateway  server localhost 364 · client tpp1.demo.axway.com 364`, in the fail
// colour where a certificate has expired or is within --warn-expiry-days.
function expiryLines(targets: readonly TargetResult[], style: TerminalStyle): string[] {
  const watched = targets.filter((target) => target.expiry && target.expiry.certificates.length > 0);
  const width = Math.max(
    0,
    ...watched.map((target) => truncate(oneLine(target.name), nameWidthLimit).length),
  );
  return watched.map((target) => {
    const { certificates, warnDays } = target.expiry!;
    const cells = certificates.map((certificate) => {
      const cn = /(?:^|, )CN=([^,]*)/.exec(certificate.subject)?.[1] ?? certificate.subject;
      const cell = `${certificate.role} ${oneLine(cn)} ${certificate.daysLeft}`;
      const warn = certificate.daysLeft < (warnDays ?? 0);
      return warn ? style.fail(cell) : cell;
    });
    return `  ${truncate(oneLine(target.name), nameWidthLimit).padEnd(width)}  ${cells.join(' · ')}`;
  });
}
