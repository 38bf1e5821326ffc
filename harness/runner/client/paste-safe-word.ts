import { shellQuote } from '../../report/shell-quote.ts';

// Control characters: a carriage return pasted into a terminal ends the line there (and a raw one in a
// report is invisible), a tab may trigger completion. printf writes them from their escapes instead.
// eslint-disable-next-line no-control-regex -- control characters are what is looked for
const controlCharacter = /[\u0000-\u001f\u007f]/;

/**
 * `text` as the format of a POSIX `printf`, which writes it back byte for byte: `%` doubled,
 * backslashes and control characters escaped (`\r`, `\n`, `\t`, else `\NNN` in octal).
 */
export function printfFormat(text: string): string {
  // eslint-disable-next-line no-control-regex -- control characters are what is escaped
  return text.replace(/[\\%\u0000-\u001f\u007f]/g, (character) => {
    if (character === '%') return '%%';
    if (character === '\\') return '\\\\';
    if (character === '\r') return '\\r';
    if (character === '\n') return '\\n';
    if (character === '\t') return '\\t';
    return `\\${character.charCodeAt(0).toString(8).padStart(3, '0')}`;
  });
}

/** `printf 'GET / HTTP/1.0\r\n…' | `: what writes `text` to a command's stdin, with no raw control character. */
export function printfPipe(text: string): string {
  return `printf ${shellQuote(printfFormat(text))} | `;
}

/**
 * One shell word for `value` that survives copy and paste: shellQuote, or, when it holds a control
 * character, `"$(printf '…')"` (which drops trailing newlines, as any command substitution does).
 */
export function pasteSafeWord(value: string): string {
  if (!controlCharacter.test(value)) return shellQuote(value);
  return `"$(printf ${shellQuote(printfFormat(value))})"`;
}
