import { oneLine, truncate } from '../report/printable-text.ts';
import { terminalStyle } from '../report/terminal-style.ts';
import type { RunDiff } from './run-diff.ts';

export interface DiffTableOptions {
  /** ANSI colours. Default false. */
  color?: boolean;
}

const nameWidthLimit = 28;

/**
 * A diff for the terminal: a header naming the baseline, one row per difference (✘ where it fails the
 * gate), and the gate's verdict. The last column is not cut: CI logs are where it is read in full.
 */
export function renderDiffTable(diff: RunDiff, options: DiffTableOptions = {}): string {
  const style = terminalStyle(options.color ?? false);
  const baseline = diff.baseline.file ?? 'the baseline';
  const lines = [
    style.bold(
      `Compared with ${baseline} (run of ${diff.baseline.startedAt}): ` +
        `${plural(diff.differences.length, 'difference')}, ${plural(diff.unchanged, 'scenario')} unchanged.`,
    ),
  ];
  if (diff.differences.length > 0) {
    const rows = diff.differences.map((difference) => ({
      mark: difference.failsGate ? style.fail('✘') : style.dim('•'),
      category: difference.category,
      target: truncate(oneLine(difference.target), nameWidthLimit),
      scenario: oneLine(
        difference.scenario
          ? `${difference.scenario.id}${difference.step ? ` (${difference.step})` : ''}`
          : '(whole target)',
      ),
      summary: oneLine(difference.summary),
    }));
    const width = (pick: (row: (typeof rows)[number]) => string, header: string) =>
      Math.max(header.length, ...rows.map((row) => pick(row).length));
    const widths = {
      category: width((row) => row.category, 'category'),
      target: width((row) => row.target, 'target'),
      scenario: width((row) => row.scenario, 'scenario'),
    };
    lines.push(
      style.dim(
        `  ${'category'.padEnd(widths.category)}  ${'target'.padEnd(widths.target)}  ${'scenario'.padEnd(widths.scenario)}  what changed`,
      ),
    );
    for (const row of rows) {
      lines.push(
        `${row.mark} ${row.category.padEnd(widths.category)}  ${row.target.padEnd(widths.target)}  ` +
          `${row.scenario.padEnd(widths.scenario)}  ${row.summary}`,
      );
    }
  }
  const gate = `Gate (--fail-on ${diff.gate.failOn.join(',')})`;
  const gating = diff.differences.filter((difference) => difference.failsGate).length;
  lines.push(
    diff.gate.failed
      ? style.fail(`${gate}: failed by ${plural(gating, 'difference')}.`)
      : style.pass(`${gate}: passed.`),
  );
  return `${lines.join('\n')}\n`;
}

function plural(count: number, noun: string): string {
  return `${count} ${noun}${count === 1 ? '' : 's'}`;
}
