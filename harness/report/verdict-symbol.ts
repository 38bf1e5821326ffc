import type { Verdict } from './run-results.ts';
import type { TerminalStyle } from './terminal-style.ts';

/** The one-character mark of a verdict in terminal output: ✔ pass, ✘ fail, – skip, · not run. */
export function verdictSymbol(verdict: Verdict, style: TerminalStyle): string {
  switch (verdict) {
    case 'pass':
      return style.pass('✔');
    case 'fail':
      return style.fail('✘');
    case 'skip':
      return style.skip('–');
    case 'not-run':
      return style.dim('·');
  }
}
