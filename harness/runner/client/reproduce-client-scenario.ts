import type { FixtureSet } from '../../pki/fixture-set.ts';
import { shellQuote } from '../../report/shell-quote.ts';
import type { MockServerSetup } from '../../scenarios/client/client-scenario.ts';
import type { TlsVersion } from '../../servers/tls-version.ts';
import {
  clientPassphraseVariable,
  fillPlaceholders,
  placeholdersIn,
  type ClientCommandPlaceholder,
} from './client-command-template.ts';
import type { ClientUnderTest } from './client-under-test.ts';
import { pasteSafeWord, printfPipe } from './paste-safe-word.ts';

/** The fixed port of the hand-made reproduction, so the two lines agree. */
const reproducePort = 8443;

const cliVersions: Record<TlsVersion, string> = {
  TLSv1: '1.0',
  'TLSv1.1': '1.1',
  'TLSv1.2': '1.2',
  'TLSv1.3': '1.3',
};

/**
 * Two shell lines that repeat a client scenario by hand: `mtls-conformance serve` with the scenario's
 * server, in the background, then the client command aimed at it (or where to point the client), with
 * its stdin and `env`. File paths only: the passphrase is left for the person to fill in, and a secret
 * of `env` is read from the variable the config names. No raw control character: the lines survive
 * copy and paste from a report.
 */
export function reproduceClientScenario(
  setup: MockServerSetup,
  trusts: readonly string[],
  fixtures: Pick<FixtureSet, 'dir'>,
  client: ClientUnderTest,
  values: Readonly<Record<ClientCommandPlaceholder, string>>,
): string {
  const serve = [
    ...['npx', 'mtls-conformance', 'serve', '--fixtures', fixtures.dir, '--identity', setup.identity],
    ...['--trusts', trusts.join(',')],
    ...(setup.acceptableCas ? ['--acceptable-cas', setup.acceptableCas.join(',')] : []),
    ...(setup.tlsVersions
      ? ['--tls-min', cliVersions[setup.tlsVersions[0]], '--tls-max', cliVersions[setup.tlsVersions[1]]]
      : []),
    ...(setup.admitAnyClient ? ['--misconfiguration', 'accept-any-certificate'] : []),
    ...['--port', String(reproducePort)],
  ];
  const url = `https://127.0.0.1:${reproducePort}/`;
  const fixed = { ...values, url, port: String(reproducePort) };
  if (client.kind === 'wait') return `${quote(serve)} &\n# then point the client under test at ${url}`;
  const argv = client.argv.map((part) => fillPlaceholders(part, fixed));
  const environment = Object.entries(client.env ?? {}).map(([name, value]) =>
    typeof value === 'string'
      ? `${name}=${pasteSafeWord(fillPlaceholders(value, fixed))}`
      : `${name}="$${value.fromEnv}"`,
  );
  const passphrase = placeholdersIn(client.argv).includes('passphraseEnv')
    ? [`${clientPassphraseVariable}='<keystore passphrase>'`]
    : [];
  const assignments = [...environment, ...passphrase].map((assignment) => `${assignment} `).join('');
  const stdin = client.stdin !== undefined ? printfPipe(fillPlaceholders(client.stdin, fixed)) : '';
  return `${quote(serve)} &\n${stdin}${assignments}${argv.map(pasteSafeWord).join(' ')}`;
}

function quote(words: readonly string[]): string {
  return words.map(shellQuote).join(' ');
}
