/**
 * The placeholders of a client command template. Each is replaced wherever it occurs inside an
 * argument (`--cert={cert}` works), never split into several arguments.
 */
export const clientCommandPlaceholders = {
  url: 'https://127.0.0.1:PORT/ of the scenario’s mock server',
  host: 'the mock server’s address, 127.0.0.1',
  port: 'the mock server’s port, different in every scenario',
  cert: 'PEM file of the client certificate (fixture tpp1, or identity.cert)',
  key: 'PEM file of its private key (fixture tpp1, or identity.key)',
  chain: 'PEM file of the certificate followed by its intermediates (the certificate alone when it has none)',
  p12: 'PKCS#12 keystore of the client identity (fixture tpp1.p12, or identity.p12)',
  passphraseEnv:
    'NAME of the environment variable the harness sets, in the client’s environment only, to the keystore passphrase',
  serverCa: 'PEM file of the CA the client must trust for servers: ca1',
} as const;

export type ClientCommandPlaceholder = keyof typeof clientCommandPlaceholders;

export const clientCommandPlaceholderNames = Object.keys(
  clientCommandPlaceholders,
) as ClientCommandPlaceholder[];

/** The variable `{passphraseEnv}` names. The passphrase itself never appears in an argument. */
export const clientPassphraseVariable = 'MTLSC_CLIENT_PASSPHRASE';

const placeholderPattern = /\{([A-Za-z][A-Za-z0-9]*)\}/g;

/** The placeholders a template uses, in order of first use; unknown names included, for messages. */
export function placeholdersIn(parts: readonly string[]): string[] {
  const seen = new Set<string>();
  for (const part of parts) for (const match of part.matchAll(placeholderPattern)) seen.add(match[1]!);
  return [...seen];
}

export function isClientCommandPlaceholder(name: string): name is ClientCommandPlaceholder {
  return Object.hasOwn(clientCommandPlaceholders, name);
}

/** Fills every known placeholder in `text`; a placeholder without a value is left as it is. */
export function fillPlaceholders(
  text: string,
  values: Partial<Readonly<Record<ClientCommandPlaceholder, string>>>,
): string {
  return text.replace(placeholderPattern, (whole, name: string) =>
    isClientCommandPlaceholder(name) ? (values[name] ?? whole) : whole,
  );
}
