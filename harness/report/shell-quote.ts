// Characters no POSIX shell gives a meaning to inside a word, so an argument made of them only needs
// no quotes; anything else is single-quoted, where nothing is special but the quote itself.
const safeWord = /^[A-Za-z0-9_@%+=:,./-]+$/;

/** Quotes one argument for a POSIX shell (sh, bash, zsh), so that the shell passes it on unchanged. */
export function shellQuote(argument: string): string {
  if (safeWord.test(argument)) return argument;
  return `'${argument.replaceAll("'", `'\\''`)}'`;
}
