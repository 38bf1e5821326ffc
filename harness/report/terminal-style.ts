/** Colours for terminal text; plain text when color is off (not a TTY, NO_COLOR, --no-color). */
export interface TerminalStyle {
  pass: (text: string) => string;
  fail: (text: string) => string;
  skip: (text: string) => string;
  dim: (text: string) => string;
  bold: (text: string) => string;
}

// SGR codes of ECMA-48 §8.3.117, each closed by its own reset so styles nest.
export function terminalStyle(color: boolean): TerminalStyle {
  const sgr =
    (open: number, close: number) =>
    (text: string): string =>
      color ? `\u001B[${open}m${text}\u001B[${close}m` : text;
  return { pass: sgr(32, 39), fail: sgr(31, 39), skip: sgr(33, 39), dim: sgr(2, 22), bold: sgr(1, 22) };
}
