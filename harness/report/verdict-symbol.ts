import { shownVerdictMarks, type ShownVerdict } from './shown-verdict.ts';
import type { TerminalStyle } from './terminal-style.ts';

/** The one-character mark of a verdict in terminal output: ✔ pass, ✘ fail, ? could not decide, – skip, · not run. */
export function verdictSymbol(verdict: ShownVerdict, style: TerminalStyle): string {
  const mark = shownVerdictMarks[verdict];
  switch (verdict) {
    case 'pass':
      return style.pass(mark);
    case 'fail':
      return style.fail(mark);
    case 'undecided':
    case 'skip':
      return style.skip(mark);
    case 'not-run':
      return style.dim(mark);
  }
}
