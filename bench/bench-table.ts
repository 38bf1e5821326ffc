/** One row of the printed table: a figure, the ratio it makes, the goal and whether it was met. */
export interface BenchRow {
  figure: string;
  harness: string;
  reference: string;
  ratio: string;
  goal: string;
  met: boolean | null;
}

/** A plain-text table (also valid Markdown), one line per row. */
export function formatBenchTable(rows: readonly BenchRow[]): string {
  const header = ['Figure', 'Harness', 'Reference', 'Ratio', 'Goal', 'Met'];
  const cells = rows.map((row) => [
    row.figure,
    row.harness,
    row.reference,
    row.ratio,
    row.goal,
    row.met === null ? '–' : row.met ? 'yes' : 'no',
  ]);
  const widths = header.map((title, column) =>
    Math.max(title.length, ...cells.map((line) => line[column]!.length)),
  );
  const line = (values: readonly string[]) =>
    `| ${values.map((value, column) => value.padEnd(widths[column]!)).join(' | ')} |`;
  return [line(header), line(widths.map((width) => '-'.repeat(width))), ...cells.map(line)].join('\n');
}

export const ms = (value: number): string =>
  value >= 10_000 ? `${(value / 1000).toFixed(1)} s` : `${Math.round(value)} ms`;
export const ratio = (value: number): string => `${value.toFixed(2)}×`;
