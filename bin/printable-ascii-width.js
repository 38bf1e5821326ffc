// Part of the CLI's bundle (bin/compiled-bundle.js): what string-width answers for a text of printable
// ASCII, without loading it.

/**
 * The terminal width of `text` when it is printable ASCII (U+0020–U+007E), which is its length: one
 * column a character, no escape sequence, nothing combining or wide. Undefined for anything else
 * (string-width then measures it).
 * @param {unknown} text
 * @returns {number | undefined}
 */
export function printableAsciiWidth(text) {
  return typeof text === 'string' && /^[\u0020-\u007E]*$/.test(text) ? text.length : undefined;
}
