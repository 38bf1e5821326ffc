// What a server sends (a body excerpt, a certificate subject) reaches terminals, XML and HTML. Control
// characters there can rewrite a terminal (ANSI escapes), make an XML 1.0 document ill-formed (§2.2
// allows no C0 control but tab, LF and CR, not even as a character reference), or reorder what a reader
// sees (Unicode bidi overrides, the "Trojan Source" trick). They are shown as escapes instead.
// With the `u` flag, [\uD800-\uDFFF] matches only surrogates that are not part of a pair.
const unprintable =
  // eslint-disable-next-line no-control-regex -- finding control characters is the point
  /[\u0000-\u0008\u000B-\u001F\u007F-\u009F\u202A-\u202E\u2066-\u2069\uFFFE\uFFFF\uD800-\uDFFF]/gu;

/**
 * `text` with every control character shown as an escape (`\x1B`, `\u202E`), CRLF as LF. Keeps line
 * feeds and tabs: for multi-line evidence.
 */
export function printable(text: string): string {
  return text.replace(/\r\n/g, '\n').replace(unprintable, escapeCharacter);
}

/** `text` on one line: printable, with line breaks and tabs turned into single spaces. */
export function oneLine(text: string): string {
  return printable(text)
    .replace(/\s*\n\s*|\t/g, ' ')
    .trim();
}

function escapeCharacter(character: string): string {
  const code = character.charCodeAt(0);
  return code <= 0xff
    ? `\\x${code.toString(16).toUpperCase().padStart(2, '0')}`
    : `\\u${code.toString(16).toUpperCase().padStart(4, '0')}`;
}

/** `text` cut to `width` characters, the last one an ellipsis when it was longer. */
export function truncate(text: string, width: number): string {
  return text.length <= width ? text : `${text.slice(0, Math.max(0, width - 1))}…`;
}
