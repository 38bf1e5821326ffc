import { expect } from 'chai';
import { chmodSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseConfig } from '../harness/config/load-config.ts';
import { fillPlaceholders, placeholdersIn } from '../harness/runner/client/client-command-template.ts';

const fixtureNames = ['ca1', 'ca2', 'intermediate-ca', 'rogue-ca'];
let folder: string;

function load(text: string, env: NodeJS.ProcessEnv = { PATH: process.env.PATH ?? '' }) {
  return parseConfig(text, { file: 'mtls-conformance.yaml', baseDir: folder, fixtureNames, env });
}

function failureOf(text: string, env?: NodeJS.ProcessEnv): string {
  try {
    load(text, env);
  } catch (error) {
    return (error as Error).message;
  }
  throw new Error('the config loaded without an error');
}

function clientTarget(...fields: string[]): string {
  return [
    'targets:',
    '  - name: my-client',
    '    suite: client',
    ...fields.map((field) => `    ${field}`),
    '',
  ].join('\n');
}

describe('config: suite client targets', () => {
  before(() => {
    folder = mkdtempSync(join(tmpdir(), 'mtlsc-client-config-'));
    writeFileSync(join(folder, 'partner.p12'), 'placeholder');
    writeFileSync(join(folder, 'client.sh'), '#!/bin/sh\n');
    chmodSync(join(folder, 'client.sh'), 0o755);
    writeFileSync(join(folder, 'not-executable.sh'), '#!/bin/sh\n');
  });
  after(() => rmSync(folder, { recursive: true, force: true }));

  it('loads a command target: no URL, provider mock, the default timeout, run in the config’s folder', () => {
    const config = load(
      clientTarget('trusts: [ca1]', "client: { command: [curl, --cert, '{cert}', --key, '{key}', '{url}'] }"),
    );
    const [target] = config.targets;
    expect(target).to.deep.include({ name: 'my-client', suite: 'client', provider: 'mock', trusts: ['ca1'] });
    expect(target?.client).to.deep.equal({
      kind: 'command',
      argv: ['curl', '--cert', '{cert}', '--key', '{key}', '{url}'],
      timeoutMs: 30000,
      cwd: folder,
    });
  });

  it('loads a wait target and a command given by a path relative to the config', () => {
    const config = load(
      [
        'targets:',
        '  - { name: saas, suite: client, trusts: [ca1], client: { wait: { timeoutMs: 120000 } } }',
        "  - { name: script, suite: client, trusts: [ca1], client: { command: [./client.sh, '{url}'], stdin: 'x', timeoutMs: 5 } }",
      ].join('\n'),
    );
    expect(config.targets[0]?.client).to.deep.equal({ kind: 'wait', timeoutMs: 120000 });
    expect(config.targets[1]?.client).to.deep.include({ kind: 'command', stdin: 'x', timeoutMs: 5 });
  });

  it('loads env: text with placeholders, and a secret named by its variable, never its value', () => {
    const config = load(
      clientTarget(
        'trusts: [ca1]',
        'client:',
        "  command: [python3, call.py, '{url}']",
        '  env:',
        "    SSL_CERT_FILE: '{serverCa}'",
        '    PYTHONWARNINGS: ignore',
        '    PARTNER_TOKEN: { fromEnv: PARTNER_TOKEN_VALUE }',
      ),
      { PATH: process.env.PATH ?? '', PARTNER_TOKEN_VALUE: 'not-in-any-config' },
    );
    expect(config.targets[0]?.client).to.deep.include({
      env: {
        SSL_CERT_FILE: '{serverCa}',
        PYTHONWARNINGS: 'ignore',
        PARTNER_TOKEN: { fromEnv: 'PARTNER_TOKEN_VALUE' },
      },
    });
    expect(JSON.stringify(config)).not.to.include('not-in-any-config');
  });

  it('reports every problem of an env block at once, each naming its field', () => {
    const message = failureOf(
      clientTarget(
        'trusts: [ca1]',
        'identity: { p12: partner.p12 }',
        'client:',
        "  command: [curl, '{url}']",
        '  env:',
        "    CLIENT_KEY: '{key}'",
        "    CA: '{severCa}'",
        '    MTLSC_CLIENT_PASSPHRASE: x',
        '    TOKEN: { fromEnv: UNSET_TOKEN_VARIABLE }',
        '    RETRIES: 3',
        '    BAD-NAME: x',
        '    SECRET: { from: X }',
      ),
    );
    expect(message.split('\n')).to.deep.equal([
      'Cannot load mtls-conformance.yaml: 9 problems.',
      '  targets[0].client.env (line 8): "BAD-NAME" is not an environment variable name; use letters, digits and "_", not starting with a digit.',
      '  targets[0].client.env.CLIENT_KEY (line 9): {key} needs a PEM identity, but identity gives p12; use {p12} and {passphraseEnv}, or give identity cert and key.',
      '  targets[0].client.env.CA (line 10): {severCa} is not a placeholder; allowed: {url}, {host}, {port}, {cert}, {key}, {chain}, {p12}, {passphraseEnv}, {serverCa}.',
      '  targets[0].client.env.MTLSC_CLIENT_PASSPHRASE (line 11): MTLSC_CLIENT_PASSPHRASE is set by the harness to the keystore passphrase ({passphraseEnv} names it); choose another name.',
      '  targets[0].client.env.TOKEN.fromEnv (line 12): the environment variable UNSET_TOKEN_VARIABLE is not set; export it before the run (the config names the variable, never the secret).',
      `  targets[0].client.env.RETRIES (line 13): must be text (placeholders allowed, e.g. '{serverCa}') or, for a secret, { fromEnv: VARIABLE } naming the harness's variable that holds it; saw 3.`,
      `  targets[0].client.env.SECRET (line 15): must be text (placeholders allowed, e.g. '{serverCa}') or, for a secret, { fromEnv: VARIABLE } naming the harness's variable that holds it; saw a mapping.`,
      '  targets[0].client.env.SECRET.fromEnv (line 15): missing (required).',
      '  targets[0].client.env.SECRET.from (line 15): unknown key; allowed: fromEnv.',
    ]);
  });

  it('reports every problem of a client target at once, each naming its field', () => {
    const message = failureOf(
      clientTarget(
        'url: https://127.0.0.1:8443/',
        'provider: url',
        'serverCa: ca1',
        'trusts: []',
        "client: { command: [curl, '{cerificate}', '{p12}', '{url}'], wait: { timeoutMs: 1 } }",
      ),
    );
    expect(message.split('\n')).to.deep.equal([
      'Cannot load mtls-conformance.yaml: 5 problems.',
      '  targets[0].url (line 4): not used with suite client: the harness is the server, with a mock server per scenario ({url} in the command); remove url.',
      '  targets[0].provider (line 5): not used with suite client: the harness is the server, with a mock server per scenario ({url} in the command); remove provider.',
      '  targets[0].serverCa (line 6): not used with suite client: the harness is the server, with a mock server per scenario ({url} in the command); remove serverCa.',
      '  targets[0].trusts (line 7): empty; name the CA the client certificate is meant to chain to, e.g. [ca1].',
      '  targets[0].client (line 8): give command or wait, not both.',
    ]);
  });

  const cases: Array<[string, string, string]> = [
    [
      'no client block',
      clientTarget('trusts: [ca1]'),
      "targets[0].client (line 2): missing; suite client needs the client under test: command: [curl, ..., '{url}'] or wait: { timeoutMs: 120000 }.",
    ],
    [
      'an unknown placeholder',
      clientTarget('trusts: [ca1]', "client: { command: [curl, '--cert={cerificate}', '{url}'] }"),
      'targets[0].client.command[1] (line 5): {cerificate} is not a placeholder; allowed: {url}, {host}, {port}, {cert}, {key}, {chain}, {p12}, {passphraseEnv}, {serverCa}.',
    ],
    [
      'a PKCS#12 placeholder with a PEM identity',
      clientTarget(
        'trusts: [ca1]',
        'identity: { cert: partner.p12, key: partner.p12 }',
        "client: { command: [java, Client.java, '{p12}', '{url}'] }",
      ),
      'targets[0].client.command[2] (line 6): {p12} needs a PKCS#12 identity, but identity gives cert and key; use {cert} and {key}, or give identity p12.',
    ],
    [
      'a PEM placeholder with a PKCS#12 identity',
      clientTarget(
        'trusts: [ca1]',
        'identity: { p12: partner.p12 }',
        "client: { command: [curl, --key, '{key}', '{url}'] }",
      ),
      'targets[0].client.command[2] (line 6): {key} needs a PEM identity, but identity gives p12; use {p12} and {passphraseEnv}, or give identity cert and key.',
    ],
    [
      'timeoutMs with wait',
      clientTarget('trusts: [ca1]', 'client: { wait: { timeoutMs: 1000 }, timeoutMs: 5 }'),
      'targets[0].client.timeoutMs (line 5): only used with command; with wait, set wait.timeoutMs.',
    ],
    [
      'env with wait',
      clientTarget('trusts: [ca1]', 'client: { wait: { timeoutMs: 1000 }, env: { A: b } }'),
      'targets[0].client.env (line 5): only used with command; with wait, set wait.timeoutMs.',
    ],
    [
      'a program that is not on PATH',
      clientTarget('trusts: [ca1]', "client: { command: [curlx, '{url}'] }"),
      'targets[0].client.command[0] (line 5): "curlx" is not found on PATH; install it, or give the program\'s path.',
    ],
    [
      'a program path that cannot be run',
      clientTarget('trusts: [ca1]', "client: { command: [./not-executable.sh, '{url}'] }"),
      'is not an executable file.',
    ],
    [
      'a client block on a server target',
      [
        'targets:',
        '  - name: gateway',
        '    url: https://127.0.0.1:8443/',
        '    trusts: [ca1]',
        "    client: { command: [curl, '{url}'] }",
      ].join('\n'),
      'targets[0].client (line 5): only used with suite client, but suite is server; set suite: client or remove client.',
    ],
    [
      'a server-suite scenario id',
      clientTarget(
        'trusts: [ca1]',
        "client: { command: [curl, '{url}'] }",
        'scenarios: { skip: { trusted-client: no } }',
      ),
      'targets[0].scenarios.skip["trusted-client"] (line 6): "trusted-client" is not a scenario of the client suite; allowed: presents-certificate, refuses-untrusted-server, refuses-expired-server, refuses-wrong-hostname, refuses-legacy-tls, ca-hint-mismatch, refuses-weak-server-key, refuses-sha1-server-cert.',
    ],
  ];
  for (const [title, text, expected] of cases) {
    it(`refuses ${title}`, () => {
      expect(failureOf(text)).to.include(expected);
    });
  }
});

describe('client command placeholders', () => {
  it('are replaced inside arguments, never split, and unknown ones are left as written', () => {
    const values = { url: 'https://127.0.0.1:1/', p12: '/f/tpp1.p12', passphraseEnv: 'VAR' };
    expect(
      ['--url={url}', '{p12}:{passphraseEnv}', '{other}'].map((part) => fillPlaceholders(part, values)),
    ).to.deep.equal(['--url=https://127.0.0.1:1/', '/f/tpp1.p12:VAR', '{other}']);
    expect(placeholdersIn(['{url}', 'a{p12}b{url}', '{x1}'])).to.deep.equal(['url', 'p12', 'x1']);
  });
});
