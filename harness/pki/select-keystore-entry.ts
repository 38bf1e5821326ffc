import type { KeystoreContents, KeystoreEntry } from './keystore-contents.ts';
import { KeystoreError } from './keystore-error.ts';

/** `client (private key), ca1 (trusted certificate)`: what `keytool -list` would show, in one line. */
export function describeAliases(entries: readonly KeystoreEntry[]): string {
  return entries
    .map(
      (entry) => `${entry.alias} (${entry.kind === 'private-key' ? 'private key' : 'trusted certificate'})`,
    )
    .join(', ');
}

/**
 * The private-key entry to present: the one named by `alias` (compared ignoring case, as Java's
 * keystores do), or the only one there is. Each wrong choice is a one-line KeystoreError that lists
 * what the keystore does hold. `aliasSource` names where an alias is given (`alias`, `--alias`).
 */
export function selectPrivateKeyEntry(
  contents: KeystoreContents,
  alias: string | undefined,
  aliasSource = 'alias',
): KeystoreEntry {
  const { file, entries } = contents;
  const keyEntries = entries.filter((entry) => entry.kind === 'private-key');
  if (alias !== undefined) {
    const entry = entries.find((candidate) => candidate.alias.toLowerCase() === alias.toLowerCase());
    if (!entry) {
      const held = entries.length === 0 ? 'it holds no entry' : `its aliases: ${describeAliases(entries)}`;
      throw new KeystoreError(
        file,
        'unknown-alias',
        `${file}: no entry "${alias}" in this keystore; ${held}. Give one of them as the ${aliasSource}.`,
      );
    }
    if (entry.kind === 'private-key') return entry;
    if (keyEntries.length === 0) throw truststoreError(contents);
    throw new KeystoreError(
      file,
      'no-private-key',
      `${file}: entry "${entry.alias}" is a trusted certificate, not a private key; the private keys: ${keyEntries.map((candidate) => candidate.alias).join(', ')}. Give one of them as the ${aliasSource}.`,
    );
  }
  if (keyEntries.length === 0) throw truststoreError(contents);
  const [only, ...others] = keyEntries;
  if (only && others.length === 0) return only;
  throw new KeystoreError(
    file,
    'ambiguous-alias',
    `${file}: holds ${keyEntries.length} private keys (${keyEntries.map((entry) => entry.alias).join(', ')}). Name the one to present with the ${aliasSource}.`,
  );
}

function truststoreError(contents: KeystoreContents): KeystoreError {
  const { file, entries } = contents;
  if (entries.length === 0) {
    return new KeystoreError(
      file,
      'no-private-key',
      `${file}: the keystore is empty (no entry). Give the keystore that holds the client's key and certificate.`,
    );
  }
  return new KeystoreError(
    file,
    'no-private-key',
    `${file}: holds no private key, only trusted certificates (${entries.map((entry) => entry.alias).join(', ')}): it is a truststore. Give the keystore with the client's key (keytool -list shows a PrivateKeyEntry), or use this file as serverCa.`,
  );
}
