import { expect } from 'chai';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { isHarnessError } from '../harness/common/harness-error.ts';
import { ConfigError } from '../harness/config/config-problem.ts';
import { parseConfig } from '../harness/config/load-config.ts';

const fixtureNames = ['ca1', 'ca2', 'intermediate-ca', 'rogue-ca'];
const allIds =
  'no-client-cert, trusted-client, second-ca-client, untrusted-ca, expired-client-cert, not-yet-valid-client-cert, ' +
  'self-signed-client-cert, wrong-eku, intermediate-chain, missing-intermediate, bad-keystore-password, ' +
  'tls-legacy-versions, tls-1.2, tls-1.3, server-identity, ec-client, ed25519-client, rsa-pss-client, ' +
  'weak-rsa-client, sha1-client, ca-true-leaf, name-constraint-violation, allow-list-superstring, ' +
  'allow-list-ou-smuggle, allow-list-same-dn-other-ca';
const targetKeys =
  'name, url, provider, suite, trusts, serverCa, serverCaPasswordEnv, servername, rejectAt, tlsVersions, identity, scenarios, auth, backend, sharedWith, resumption, revocation, accepts, allowedSubjects, mock, nginx, openssl, container, apache, haproxy, java, client, oauth';

let folder: string;

/** The message a config text fails with, loaded as mtls-conformance.yaml from `folder`. */
function failureOf(text: string, env: NodeJS.ProcessEnv = {}): string {
  try {
    parseConfig(text, { file: 'mtls-conformance.yaml', baseDir: folder, fixtureNames, env });
  } catch (error) {
    expect(isHarnessError(error), String(error)).to.equal(true);
    expect(error).to.be.instanceOf(ConfigError);
    return (error as Error).message;
  }
  throw new Error('the config loaded without an error');
}

/** One target under `targets:`, indented as YAML; `fields` are its lines after `- name: gateway`. */
function target(...fields: string[]): string {
  return ['targets:', '  - name: gateway', ...fields.map((field) => `    ${field}`), ''].join('\n');
}

const url = 'url: https://127.0.0.1:8443/healthcheck';

describe('config errors: one line each, naming the file, the field, the value and the allowed values', () => {
  before(() => {
    folder = mkdtempSync(join(tmpdir(), 'mtlsc-config-'));
    // Only their existence is checked here.
    for (const file of ['partner.p12', 'a.crt', 'a.key']) writeFileSync(join(folder, file), 'placeholder');
  });
  after(() => rmSync(folder, { recursive: true, force: true }));

  const cases: Array<[string, string, string]> = [
    [
      'unknown top-level key, with a suggestion',
      `fixture: ./fixtures\n${target(url, 'trusts: [ca1]')}`,
      'Cannot load mtls-conformance.yaml. fixture (line 1): unknown key (did you mean fixtures?); allowed: $schema, fixtures, reportDir, concurrency, timeouts, targets, targetsFiles.',
    ],
    [
      'unknown key in a target',
      target(url, 'trusts: [ca1]', 'servrCa: ca1'),
      `Cannot load mtls-conformance.yaml. targets[0].servrCa (line 5): unknown key (did you mean serverCa?); allowed: ${targetKeys}.`,
    ],
    [
      'wrong type',
      `concurrency: "8"\n${target(url, 'trusts: [ca1]')}`,
      'Cannot load mtls-conformance.yaml. concurrency (line 1): must be a whole number, saw "8".',
    ],
    [
      'a string where a list is expected',
      target(url, 'trusts: ca1'),
      'Cannot load mtls-conformance.yaml. targets[0].trusts (line 4): must be a list, saw "ca1" (write a list: [ca1]).',
    ],
    [
      'a YAML number where a string is expected',
      target('provider: openssl', 'trusts: [ca1]', 'openssl: { tlsVersion: 1.3 }'),
      'Cannot load mtls-conformance.yaml. targets[0].openssl.tlsVersion (line 5): must be a string, saw 1.3 (in YAML, put it in quotes: "1.3").',
    ],
    [
      'bad enum, with the allowed values',
      target('provider: nginxx', 'trusts: [ca1]'),
      'Cannot load mtls-conformance.yaml. targets[0].provider (line 3): "nginxx" is not allowed (did you mean nginx?); allowed: url, mock, nginx, openssl, container, apache, haproxy, java.',
    ],
    [
      'a TLS version that cannot be declared',
      target(url, 'trusts: [ca1]', 'tlsVersions: [TLSv1.1, TLSv1.2]'),
      'Cannot load mtls-conformance.yaml. targets[0].tlsVersions[0] (line 5): "TLSv1.1" is not allowed; allowed: TLSv1.2, TLSv1.3.',
    ],
    [
      'out of range',
      `concurrency: 0\n${target(url, 'trusts: [ca1]')}`,
      'Cannot load mtls-conformance.yaml. concurrency (line 1): must be at least 1, saw 0.',
    ],
    [
      'missing trusts',
      target(url),
      'Cannot load mtls-conformance.yaml. targets[0].trusts (line 2): missing; name the fixture CAs this endpoint is meant to accept client certificates from, e.g. trusts: [ca1].',
    ],
    [
      'missing targets',
      'fixtures: ./fixtures\n',
      'Cannot load mtls-conformance.yaml. targets: missing; list the endpoints to check (mtls-conformance init writes an example).',
    ],
    [
      'no targets',
      'targets: []\n',
      'Cannot load mtls-conformance.yaml. targets (line 1): lists no targets; add at least one endpoint to check.',
    ],
    [
      'unknown scenario id in only, with a suggestion',
      target(url, 'trusts: [ca1]', 'scenarios: { only: [tls13] }'),
      `Cannot load mtls-conformance.yaml. targets[0].scenarios.only[0] (line 5): "tls13" is not a scenario of the server suite (did you mean tls-1.3?); allowed: ${allIds}.`,
    ],
    [
      'unknown scenario id in skip',
      target(url, 'trusts: [ca1]', 'scenarios: { skip: { second-ca: "retired" } }'),
      `Cannot load mtls-conformance.yaml. targets[0].scenarios.skip["second-ca"] (line 5): "second-ca" is not a scenario of the server suite; allowed: ${allIds}.`,
    ],
    [
      'unknown scenario id in expect',
      target(url, 'trusts: [ca1]', 'scenarios: { expect: { no-cert: { expected: rejected, reason: "x" } } }'),
      `Cannot load mtls-conformance.yaml. targets[0].scenarios.expect["no-cert"] (line 5): "no-cert" is not a scenario of the server suite; allowed: ${allIds}.`,
    ],
    [
      'skip without a reason',
      target(url, 'trusts: [ca1]', 'scenarios:', '  skip:', '    tls-1.3:'),
      'Cannot load mtls-conformance.yaml. targets[0].scenarios.skip["tls-1.3"] (line 7): needs a reason, shown in every report, e.g. tls-1.3: "gateway is TLS 1.2 only until Q3".',
    ],
    [
      'skip as a list',
      target(url, 'trusts: [ca1]', 'scenarios: { skip: [tls-1.3] }'),
      'Cannot load mtls-conformance.yaml. targets[0].scenarios.skip (line 5): must map each skipped scenario id to a reason, e.g. skip: { tls-1.3: "gateway is TLS 1.2 only" }; saw a list.',
    ],
    [
      'override without a reason',
      target(url, 'trusts: [ca1]', 'scenarios: { expect: { second-ca-client: { expected: rejected } } }'),
      'Cannot load mtls-conformance.yaml. targets[0].scenarios.expect["second-ca-client"].reason (line 5): missing; say why the derived expectation does not hold (shown in every report).',
    ],
    [
      'duplicate target names, ignoring case',
      `${target(url, 'trusts: [ca1]')}  - name: Gateway\n    ${url}\n    trusts: [ca1]\n`,
      'Cannot load mtls-conformance.yaml. targets[1].name (line 5): "Gateway" is already the name of targets[0] ("gateway"); target names must be unique, ignoring case.',
    ],
    [
      'http URL',
      target('url: http://127.0.0.1:8080/healthcheck', 'trusts: [ca1]'),
      'Cannot load mtls-conformance.yaml. targets[0].url (line 3): "http://127.0.0.1:8080/healthcheck" uses http: (mutual TLS needs TLS); allowed schemes: https, tls.',
    ],
    [
      'not a URL',
      target('url: 127.0.0.1:8443', 'trusts: [ca1]'),
      'Cannot load mtls-conformance.yaml. targets[0].url (line 3): "127.0.0.1:8443" is not a URL; write https://host:port/path or tls://host:port.',
    ],
    [
      'URL without a host',
      target('url: "https://"', 'trusts: [ca1]'),
      'Cannot load mtls-conformance.yaml. targets[0].url (line 3): "https://" is not a URL; write https://host:port/path or tls://host:port.',
    ],
    [
      'tls:// without a port',
      target('url: tls://gateway.example.com', 'trusts: [ca1]'),
      'Cannot load mtls-conformance.yaml. targets[0].url (line 3): "tls://gateway.example.com" has no port; tls:// has no default port, write tls://gateway.example.com:port.',
    ],
    [
      'credentials in the URL are refused without echoing them',
      target('url: https://admin:hunter2@127.0.0.1:8443/', 'trusts: [ca1]'),
      'Cannot load mtls-conformance.yaml. targets[0].url (line 3): the URL carries a user name or password; remove them, since reports show the URL.',
    ],
    [
      'url missing for provider url',
      target('trusts: [ca1]'),
      'Cannot load mtls-conformance.yaml. targets[0].url (line 2): missing; provider url (the default) needs https://host:port/path or tls://host:port.',
    ],
    [
      'a provider block for another provider',
      target(url, 'trusts: [ca1]', 'nginx: { verifyClient: on }'),
      'Cannot load mtls-conformance.yaml. targets[0].nginx (line 5): only used with provider nginx or container, but provider is url; set provider: nginx or remove nginx.',
    ],
    [
      'trusts naming a CA not in the fixtures',
      target(url, 'trusts: [ca1, ca3]'),
      'Cannot load mtls-conformance.yaml. targets[0].trusts[1] (line 4): "ca3" is not a CA of the fixture set; allowed: ca1, ca2, intermediate-ca, rogue-ca.',
    ],
    [
      'serverCa naming neither a fixture CA nor a file',
      target(url, 'trusts: [ca1]', 'serverCa: ca3'),
      'Cannot load mtls-conformance.yaml. targets[0].serverCa (line 5): "ca3" is not a CA of the fixture set; allowed: ca1, ca2, intermediate-ca, rogue-ca, or a PEM file path such as ./server-ca.pem.',
    ],
    [
      'unset passphrase variable, named without any value',
      target(url, 'trusts: [ca1]', 'identity: { p12: ./partner.p12, passphraseEnv: PARTNER_P12_PASS }'),
      'Cannot load mtls-conformance.yaml. targets[0].identity.passphraseEnv (line 5): the environment variable PARTNER_P12_PASS is not set; export it before the run (the config names the variable, never the passphrase).',
    ],
    [
      'inline passphrase',
      target(url, 'trusts: [ca1]', 'identity:', '  p12: ./partner.p12', '  passphrase: hunter2'),
      'Cannot load mtls-conformance.yaml. targets[0].identity.passphrase (line 7): an inline passphrase is refused: it would end up in repositories and CI logs. Put it in an environment variable and name that variable in passphraseEnv (e.g. passphraseEnv: PARTNER_P12_PASS).',
    ],
    [
      'identity with both PEM and PKCS#12',
      target(url, 'trusts: [ca1]', 'identity: { cert: ./a.crt, key: ./a.key, p12: ./partner.p12 }'),
      'Cannot load mtls-conformance.yaml. targets[0].identity (line 5): give cert and key, or p12, not both.',
    ],
    [
      'an oauth target without its oauth block',
      target('url: https://localhost:9443/oauth2/token', 'trusts: [ca1]', 'suite: oauth'),
      'Cannot load mtls-conformance.yaml. targets[0].oauth (line 2): missing; suite oauth needs the client registered for the trusted identity: oauth: { clientId: tpp1, authMethod: tls_client_auth }.',
    ],
    [
      'an oauth block on a server target',
      target(url, 'trusts: [ca1]', 'oauth: { clientId: tpp1, authMethod: tls_client_auth }'),
      'Cannot load mtls-conformance.yaml. targets[0].oauth (line 5): only used with suite oauth, but suite is server; set suite: oauth or remove oauth.',
    ],
    [
      'an oauth auth method that RFC 8705 does not define',
      target(url, 'trusts: [ca1]', 'suite: oauth', 'oauth: { clientId: tpp1, authMethod: private_key_jwt }'),
      'Cannot load mtls-conformance.yaml. targets[0].oauth.authMethod (line 6): "private_key_jwt" is not allowed; allowed: tls_client_auth, self_signed_tls_client_auth.',
    ],
    [
      'invalid YAML, with its position',
      'targets: [\n',
      'Cannot load mtls-conformance.yaml. It is not valid YAML or JSON (line 2, column 1): Flow sequence in block collection must be sufficiently indented and end with a ].',
    ],
    [
      'duplicate keys',
      `fixtures: a\nfixtures: b\n${target(url, 'trusts: [ca1]')}`,
      'Cannot load mtls-conformance.yaml. It is not valid YAML or JSON (line 2, column 1): Map keys must be unique.',
    ],
    [
      'empty file',
      '# nothing yet\n',
      'Cannot load mtls-conformance.yaml. It is empty; mtls-conformance init writes a starter config.',
    ],
    [
      'top level not a mapping',
      '- name: gateway\n',
      'Cannot load mtls-conformance.yaml. The top level must be a mapping with targets (and optionally fixtures, reportDir, concurrency, timeouts); saw a list.',
    ],
    [
      'binary junk',
      '\u0000\u0001\u0002PK',
      'Cannot load mtls-conformance.yaml. It is a binary file, not YAML or JSON text.',
    ],
  ];

  for (const [title, text, message] of cases) {
    it(title, () => {
      expect(failureOf(text)).to.equal(message);
    });
  }

  it('reports every problem at once: a count, then one line each in document order', () => {
    const text = [
      'fixtures: ./fixtures',
      'concurrency: many',
      'targets:',
      '  - name: gateway',
      '    url: ftp://127.0.0.1/',
      '    provider: nginxx',
      '    trusts: [ca1, ca9]',
      '  - name: gateway',
      '    url: https://127.0.0.1:8443/',
      '    trusts: [ca9]',
      '    scenarios: { only: [tls-1.4] }',
      '',
    ].join('\n');
    expect(failureOf(text).split('\n')).to.deep.equal([
      'Cannot load mtls-conformance.yaml: 6 problems.',
      '  concurrency (line 2): must be a whole number, saw "many".',
      '  targets[0].provider (line 6): "nginxx" is not allowed (did you mean nginx?); allowed: url, mock, nginx, openssl, container, apache, haproxy, java.',
      '  targets[0].trusts[1] (line 7): "ca9" is not a CA of the fixture set; allowed: ca1, ca2, intermediate-ca, rogue-ca.',
      '  targets[1].name (line 8): "gateway" is already the name of targets[0]; target names must be unique, ignoring case.',
      '  targets[1].trusts[0] (line 10): "ca9" is not a CA of the fixture set; allowed: ca1, ca2, intermediate-ca, rogue-ca.',
      `  targets[1].scenarios.only[0] (line 11): "tls-1.4" is not a scenario of the server suite; allowed: ${allIds}.`,
    ]);
  });
});
