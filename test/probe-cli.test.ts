import { expect } from 'chai';
import { execFile } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { runCli } from '../harness/cli/run-cli.ts';
import type { FixtureSet } from '../harness/pki/fixture-set.ts';
import { forgetAcceptableCaNames } from '../harness/probe/acceptable-ca-names.ts';
import type { Observation } from '../harness/probe/observation.ts';
import { captureProcessOutput } from './support/capture-process-output.ts';
import { collectStream } from './support/collect-stream.ts';
import { testFixtures, testPassphrase } from './support/fixtures.ts';
import { keytool } from './support/jks-fixtures.ts';
import { freePort } from './support/openssl-server.ts';
import { nginxStyleHandler, startHttpsServer, type StartedTestServer } from './support/probe-test-servers.ts';

const bin = fileURLToPath(new URL('../bin/mtls-conformance.js', import.meta.url));

async function cli(argv: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  const stderr = collectStream();
  const run = await captureProcessOutput(() => runCli(argv, stderr));
  return { code: run.result, stdout: run.stdout, stderr: `${run.stderr}${stderr.text()}` };
}

describe('mtls-conformance probe', () => {
  let fixtures: FixtureSet;
  let server: StartedTestServer;
  let url: string;
  before(async () => {
    fixtures = await testFixtures();
    // Refuses by HTTP 400 as nginx does, so that a refusal shows the page too.
    server = await startHttpsServer(
      {
        key: fixtures.identity('server').privateKeyPem,
        cert: fixtures.certificatePem('server'),
        ca: fixtures.certificatePem('ca1'),
        requestCert: true,
        rejectUnauthorized: false,
      },
      nginxStyleHandler,
    );
    url = `https://localhost:${server.port}/healthcheck`;
  });
  after(() => server.close());
  beforeEach(() => forgetAcceptableCaNames());

  it('accepted: explains on stdout and exits 0', async () => {
    const { code, stdout, stderr } = await cli([
      ...['probe', url, '--cert', fixtures.path('tpp1', 'crt'), '--key', fixtures.path('tpp1', 'key')],
      ...['--server-ca', fixtures.path('ca1', 'crt')],
    ]);
    expect(code).to.equal(0);
    expect(stderr).to.equal('');
    const lines = stdout.split('\n');
    expect(lines[0]).to.equal('ACCEPTED at http: server answered HTTP 200 OK');
    expect(stdout).to.match(
      /^ {2}client cert +businessCategory=Third Party Provider 1, .*CN=tpp1\.demo\.axway\.com \(issuer /m,
    );
    expect(stdout).to.match(
      /^ {2}tls +TLSv1\.3, TLS_AES_256_GCM_SHA384; client certificate requested: yes$/m,
    );
    expect(stdout).to.match(/^ {2}server chain +\[0\] C=BR, O=Axway, CN=localhost \(issuer /m);
    expect(stdout).to.match(/^ {2}server trust +trusted by the declared server CA$/m);
    expect(stdout).to.match(/^ {2}host name +matches$/m);
    expect(stdout).to.match(
      /^ {2}acceptable CAs +C=BR, ST=São Paulo, L=São Paulo, O=Axway, CN=Axway Root CA$/m,
    );
    expect(stdout).to.match(
      /^ {2}timings +connect \d+ ms, handshake \d+ ms, response \d+ ms, total \d+ ms$/m,
    );
  });

  it('rejected, with a PKCS#12 identity: exits 1 and shows the HTTP refusal', async () => {
    process.env.PROBE_TEST_P12_PASS = testPassphrase;
    try {
      const { code, stdout } = await cli([
        ...['probe', url, '--p12', fixtures.path('rogue', 'p12'), '--passphrase-env', 'PROBE_TEST_P12_PASS'],
      ]);
      expect(code).to.equal(1);
      expect(stdout.split('\n')[0]).to.equal(
        'REJECTED at http: server answered HTTP 400 "The SSL certificate error" (nginx: the client certificate failed verification)',
      );
      expect(stdout).to.match(/^ {2}http +400 \(content-type: text\/html; server: nginx\/1\.22\.1\)$/m);
      expect(stdout).to.match(/^ {2}body +".*The SSL certificate error/m);
    } finally {
      delete process.env.PROBE_TEST_P12_PASS;
    }
  });

  it('--json prints the observation on stdout; --tls-version pins the protocol', async () => {
    const { code, stdout, stderr } = await cli(['probe', url, '--json', '--tls-version', '1.2']);
    expect(code).to.equal(1);
    expect(stderr).to.equal('');
    const observation = JSON.parse(stdout) as Observation;
    expect(observation).to.deep.include({ url, outcome: 'rejected', stage: 'http' });
    expect(observation.http?.status).to.equal(400);
    expect(observation.tls?.protocol).to.equal('TLSv1.2');
  });

  it('an unreachable target exits 1 with the reason', async () => {
    const port = await freePort();
    const { code, stdout } = await cli(['probe', `https://127.0.0.1:${port}/`, '--timeout-ms', '500']);
    expect(code).to.equal(1);
    expect(stdout.split('\n')[0]).to.equal(
      `ERROR at tcp: cannot connect to 127.0.0.1:${port}: nothing accepts connections there (ECONNREFUSED)`,
    );
  });

  const badInput = [
    {
      title: 'conflicting --p12 and --cert',
      argv: ['--p12', 'a.p12', '--passphrase-env', 'X', '--cert', 'a.crt', '--key', 'a.key'],
      message:
        'mtls-conformance: --p12 and --cert/--key both name a client identity. Give --p12 with --passphrase-env, or --cert and --key, not both.',
    },
    {
      title: '--cert without --key',
      argv: ['--cert', 'a.crt'],
      message:
        'mtls-conformance: --cert needs --key too: a client identity is a certificate and its private key.',
    },
    {
      title: '--p12 without --passphrase-env',
      argv: ['--p12', 'a.p12'],
      message:
        'mtls-conformance: --p12 a.p12 needs --passphrase-env VAR, the name of the environment variable that holds its password (never the password itself).',
    },
    {
      title: 'an unset passphrase variable',
      argv: ['--p12', 'a.p12', '--passphrase-env', 'PROBE_TEST_UNSET_VARIABLE'],
      message:
        'mtls-conformance: --passphrase-env PROBE_TEST_UNSET_VARIABLE: the environment variable PROBE_TEST_UNSET_VARIABLE is not set. Export it with the password of a.p12.',
    },
    {
      title: 'a missing --server-ca file',
      argv: ['--server-ca', 'no-such-ca.crt'],
      message: 'mtls-conformance: --server-ca no-such-ca.crt: no such file (ENOENT). Check the path.\n',
    },
    {
      title: 'conflicting --p12 and --keystore',
      argv: ['--p12', 'a.p12', '--keystore', 'a.jks', '--passphrase-env', 'X'],
      message:
        'mtls-conformance: --p12 and --keystore both name a client keystore. Give one: --keystore reads JKS and PKCS#12 alike.\n',
    },
    {
      title: 'conflicting --keystore and --cert',
      argv: ['--keystore', 'a.jks', '--passphrase-env', 'X', '--cert', 'a.crt'],
      message:
        'mtls-conformance: --keystore and --cert both name a client identity. Give --keystore with --passphrase-env, or --cert and --key, not both.\n',
    },
    {
      title: '--alias without --keystore',
      argv: ['--alias', 'tpp1'],
      message:
        'mtls-conformance: --alias chooses within a --keystore (JKS or PKCS#12). Add --keystore FILE, or leave it out.\n',
    },
    {
      title: '--keystore without --passphrase-env',
      argv: ['--keystore', 'a.jks'],
      message:
        'mtls-conformance: --keystore a.jks needs --passphrase-env VAR, the name of the environment variable that holds its password (never the password itself).\n',
    },
    {
      title: 'an unset --key-passphrase-env variable',
      argv: [
        '--keystore',
        'a.jks',
        '--passphrase-env',
        'HOME',
        '--key-passphrase-env',
        'PROBE_TEST_UNSET_VARIABLE',
      ],
      message:
        'mtls-conformance: --key-passphrase-env PROBE_TEST_UNSET_VARIABLE: the environment variable PROBE_TEST_UNSET_VARIABLE is not set. Export it with the key password of the entry in a.jks.\n',
    },
    {
      title: 'a bad --timeout-ms',
      argv: ['--timeout-ms', '0'],
      message: '--timeout-ms 0: give a positive whole number of milliseconds.',
    },
    {
      title: 'an unsupported --tls-version',
      argv: ['--tls-version', '1.1'],
      message: '--tls-version 1.1: the probe pins 1.2 or 1.3.',
    },
  ];
  for (const { title, argv, message } of badInput) {
    it(`${title}: exits 2 before any connection`, async () => {
      const before = server.connections();
      const { code, stderr } = await cli(['probe', url, ...argv]);
      expect(code).to.equal(2);
      expect(stderr).to.include(message);
      expect(server.connections()).to.equal(before);
    });
  }

  it('an unsupported scheme exits 2 with one line', async () => {
    const { code, stderr } = await cli(['probe', 'ftp://127.0.0.1:21/']);
    expect(code).to.equal(2);
    expect(stderr).to.equal(
      'mtls-conformance: Cannot probe ftp://127.0.0.1:21/. The scheme ftp is not supported; use https or tls.\n',
    );
  });

  // runCli returns the code; this checks that the real entry point turns it into the exit status.
  it('the installed binary exits 0 when accepted, with the JSON on stdout', async () => {
    const args = [
      bin,
      'probe',
      url,
      '--json',
      '--cert',
      fixtures.path('tpp1', 'crt'),
      '--key',
      fixtures.path('tpp1', 'key'),
    ];
    const { code, stdout } = await new Promise<{ code: number; stdout: string }>((resolve) => {
      execFile(process.execPath, args, (error, out) =>
        resolve({ code: error ? Number(error.code) : 0, stdout: out }),
      );
    });
    expect(code).to.equal(0);
    expect((JSON.parse(stdout) as Observation).outcome).to.equal('accepted');
  });
  describe('with Java keystores (keytool-made, as the MuleSoft and Temenos seeds hand them over)', () => {
    const storePassword = 'changeit';
    let dir: string;
    before(async function () {
      this.timeout(60_000);
      dir = await mkdtemp(join(tmpdir(), 'mtlsc-probe-jks-'));
      // keytool converts the fixture keystore to JKS and imports ca1 into a JKS truststore, as users do.
      await keytool(
        '-importkeystore',
        '-srckeystore',
        fixtures.path('tpp1', 'p12'),
        '-srcstoretype',
        'PKCS12',
        '-srcstorepass',
        testPassphrase,
        '-destkeystore',
        join(dir, 'client.jks'),
        '-deststoretype',
        'JKS',
        '-deststorepass',
        storePassword,
        '-destkeypass',
        storePassword,
        '-noprompt',
      );
      await keytool(
        '-importcert',
        '-noprompt',
        '-alias',
        'ca1',
        '-file',
        fixtures.path('ca1', 'crt'),
        '-keystore',
        join(dir, 'truststore.jks'),
        '-storetype',
        'JKS',
        '-storepass',
        storePassword,
      );
      await keytool(
        '-importcert',
        '-noprompt',
        '-alias',
        'ca1',
        '-file',
        fixtures.path('ca1', 'crt'),
        '-keystore',
        join(dir, 'truststore.p12'),
        '-storetype',
        'PKCS12',
        '-storepass',
        storePassword,
      );
      process.env.PROBE_TEST_JKS_PASS = storePassword;
    });
    after(async () => {
      delete process.env.PROBE_TEST_JKS_PASS;
      await rm(dir, { recursive: true, force: true });
    });

    it('--keystore presents the JKS entry; --server-ca judges the server with a JKS truststore', async () => {
      const { code, stdout, stderr } = await cli([
        ...['probe', url, '--keystore', join(dir, 'client.jks'), '--alias', 'TPP1'],
        ...['--passphrase-env', 'PROBE_TEST_JKS_PASS', '--server-ca', join(dir, 'truststore.jks')],
      ]);
      expect(code, stderr).to.equal(0);
      expect(stdout.split('\n')[0]).to.match(/^ACCEPTED/);
      expect(stdout).to.match(/^ {2}server trust +trusted by the declared server CA$/m);
      expect(stdout + stderr).not.to.include(storePassword);
    });

    it('--server-ca takes a PKCS#12 truststore with --server-ca-passphrase-env, and asks for it without', async () => {
      const truststore = join(dir, 'truststore.p12');
      const withPassword = await cli([
        ...['probe', url, '--cert', fixtures.path('tpp1', 'crt'), '--key', fixtures.path('tpp1', 'key')],
        ...['--server-ca', truststore, '--server-ca-passphrase-env', 'PROBE_TEST_JKS_PASS'],
      ]);
      expect(withPassword.code, withPassword.stderr).to.equal(0);
      expect(withPassword.stdout).to.match(/^ {2}server trust +trusted by the declared server CA$/m);
      const without = await cli(['probe', url, '--server-ca', truststore]);
      expect(without.code).to.equal(2);
      expect(without.stderr).to.equal(
        `mtls-conformance: --server-ca ${truststore}: a PKCS#12 truststore cannot be read without its password. Add --server-ca-passphrase-env VAR, the variable that holds it.\n`,
      );
    });

    it('a wrong alias lists the aliases there are; a wrong password names its variable; both exit 2', async () => {
      const keystore = join(dir, 'client.jks');
      const alias = await cli([
        'probe',
        url,
        '--keystore',
        keystore,
        '--alias',
        'tpp2',
        '--passphrase-env',
        'PROBE_TEST_JKS_PASS',
      ]);
      expect(alias.code).to.equal(2);
      expect(alias.stderr).to.match(/^mtls-conformance: .*client\.jks: .*tpp2.*tpp1.*\n$/);
      process.env.PROBE_TEST_WRONG_PASS = 'not-the-password';
      try {
        const wrong = await cli([
          'probe',
          url,
          '--keystore',
          keystore,
          '--passphrase-env',
          'PROBE_TEST_WRONG_PASS',
        ]);
        expect(wrong.code).to.equal(2);
        expect(wrong.stderr).to.match(
          /^mtls-conformance: .*client\.jks: .*password.*--passphrase-env PROBE_TEST_WRONG_PASS.*\n$/,
        );
        expect(wrong.stderr.split('\n')).to.have.length(2);
      } finally {
        delete process.env.PROBE_TEST_WRONG_PASS;
      }
    });

    it('a private key given as --server-ca is refused in one line', async () => {
      const { code, stderr } = await cli(['probe', url, '--server-ca', fixtures.path('tpp1', 'key')]);
      expect(code).to.equal(2);
      expect(stderr).to.equal(
        `mtls-conformance: --server-ca ${fixtures.path('tpp1', 'key')}: holds no certificate (-----BEGIN PRIVATE KEY-----). A trust store is CA certificates, PEM, or a JKS or PKCS#12 truststore.\n`,
      );
    });
  });
});
