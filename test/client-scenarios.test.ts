import { expect } from 'chai';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import type { FixtureSet } from '../harness/pki/fixture-set.ts';
import { executeClientScenario } from '../harness/runner/client/execute-client-scenario.ts';
import { startScenarioServer } from '../harness/runner/client/start-scenario-server.ts';
import { clientScenarios } from '../harness/scenarios/catalogue.ts';
import { refusesLegacyTls } from '../harness/scenarios/client/refuses-legacy-tls.ts';
import type { TargetDeclaration } from '../harness/scenarios/scenario.ts';
import { testFixtures, testPassphrase } from './support/fixtures.ts';

const execFileAsync = promisify(execFile);

const declaration: TargetDeclaration = {
  name: 'client',
  url: 'command: curl',
  trusts: ['ca1', 'ca2'],
  rejectAt: 'any',
  tlsVersions: ['TLSv1.2', 'TLSv1.3'],
};

/** `openssl verify` as a conformant client checks a server: the CA it trusts, the address it dialled. */
async function opensslVerify(
  fixtures: FixtureSet,
  name: string,
  ca: string,
  check: string[],
): Promise<string> {
  try {
    const { stdout } = await execFileAsync('openssl', [
      ...['verify', '-purpose', 'sslserver', '-CAfile', fixtures.path(ca, 'crt'), ...check],
      fixtures.path(name, 'crt'),
    ]);
    return stdout.trim().split(': ').at(-1) ?? '';
  } catch (error) {
    const { stdout = '', stderr = '' } = error as { stdout?: string; stderr?: string };
    return /error (\d+) at/.exec(stdout + stderr)?.[1] ?? String(error);
  }
}

describe('client suite scenarios', () => {
  let fixtures: FixtureSet;

  before(async () => {
    fixtures = await testFixtures();
  });

  it('are the ids of issue 6, in order, each with the expectation its kind implies', () => {
    expect(
      clientScenarios.map((scenario) => [scenario.id, scenario.expect(declaration, fixtures).expected]),
    ).to.deep.equal([
      ['presents-certificate', 'accepted'],
      ['refuses-untrusted-server', 'refused-by-client'],
      ['refuses-expired-server', 'refused-by-client'],
      ['refuses-wrong-hostname', 'refused-by-client'],
      ['refuses-legacy-tls', 'refused-by-client'],
      ['ca-hint-mismatch', 'informational'],
      ['refuses-weak-server-key', 'refused-by-client'],
      ['refuses-sha1-server-cert', 'refused-by-client'],
    ]);
    expect(clientScenarios.every((scenario) => scenario.suite === 'client')).to.equal(true);
    expect(clientScenarios[0]!.expect(declaration, fixtures).because).to.include('chaining to [ca1, ca2]');
  });

  // Each server certificate is wrong in one way only, as OpenSSL's own verification sees it: error 20
  // unable to get local issuer certificate, 10 certificate has expired, 64 IP address mismatch.
  const servers: Array<[string, string, string[], string]> = [
    ['server', 'ca1', ['-verify_ip', '127.0.0.1'], 'OK'],
    ['server', 'ca1', ['-verify_hostname', 'localhost'], 'OK'],
    ['rogue-server', 'ca1', ['-verify_ip', '127.0.0.1'], '20'],
    ['rogue-server', 'rogue-ca', ['-verify_ip', '127.0.0.1'], 'OK'],
    ['expired-server', 'ca1', ['-verify_ip', '127.0.0.1'], '10'],
    ['expired-server', 'ca1', ['-verify_ip', '127.0.0.1', '-no_check_time'], 'OK'],
    ['other-host-server', 'ca1', ['-verify_ip', '127.0.0.1'], '64'],
    ['other-host-server', 'ca1', ['-verify_hostname', 'other-host.example'], 'OK'],
  ];
  for (const [name, ca, check, expected] of servers) {
    it(`fixture ${name} against ${ca} with ${check.join(' ')}: ${expected}`, async () => {
      expect(await opensslVerify(fixtures, name, ca, check)).to.equal(expected);
    });
  }

  // Otherwise refuses-legacy-tls would pass every client: OpenSSL 3 offers TLS 1.0/1.1 only at
  // security level 0, on the server's side as on the client's.
  for (const [flag, protocol] of [
    ['-tls1', 'TLSv1'],
    ['-tls1_1', 'TLSv1.1'],
  ] as const) {
    it(`refuses-legacy-tls's server really speaks ${protocol} (openssl s_client ${flag})`, async () => {
      const server = await startScenarioServer(refusesLegacyTls.server, ['ca1'], fixtures);
      try {
        const connecting = execFileAsync(
          'openssl',
          [
            ...['s_client', '-connect', `127.0.0.1:${server.port}`, flag, '-cipher', 'DEFAULT:@SECLEVEL=0'],
            ...['-CAfile', fixtures.path('ca1', 'crt'), '-cert', fixtures.path('tpp1', 'crt')],
            ...['-key', fixtures.path('tpp1', 'key')],
          ],
          { timeout: 10_000 },
        );
        connecting.child.stdin?.end(); // as </dev/null: s_client hangs up after the handshake
        const { stdout } = await connecting;
        expect(stdout).to.match(new RegExp(`^\\s+Protocol\\s+: ${protocol.replace('.', '\\.')}$`, 'm'));
        expect(stdout).to.include('Verify return code: 0 (ok)');
      } finally {
        await server.stop();
      }
    });
  }

  it('fail with the command to run when the fixture set predates the client suite', async () => {
    const older: FixtureSet = {
      ...fixtures,
      names: () => fixtures.names().filter((name) => name !== 'rogue-server'),
    };
    const result = await executeClientScenario(clientScenarios[1]!, {
      declaration,
      fixtures: older,
      trustedIdentity: {
        identity: fixtures.identity('tpp1'),
        files: { certFile: fixtures.path('tpp1', 'crt'), keyFile: fixtures.path('tpp1', 'key') },
        p12: { file: fixtures.path('tpp1', 'p12'), passphrase: testPassphrase },
      },
      timeouts: {},
      clientUnderTest: { kind: 'command', argv: ['curl', '{url}'], timeoutMs: 1000 },
    });
    expect(result.verdict).to.equal('fail');
    expect(result.reason).to.equal(
      `the fixture set in ${fixtures.dir} has no rogue-server, which the client suite's servers need; it predates them: regenerate it with mtls-conformance fixtures --out ${fixtures.dir}`,
    );
  });
});
