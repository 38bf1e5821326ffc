import { expect } from 'chai';
import type { FixtureSet } from '../harness/pki/fixture-set.ts';
import type { ClientCommand } from '../harness/runner/client/client-under-test.ts';
import { testFixtures } from './support/fixtures.ts';
import { clientVerdicts, idsWithVerdict, runClientSuite, scenarioOf } from './support/run-client-suite.ts';

/**
 * `openssl s_client` sends what it reads on stdin; `-ign_eof` keeps it reading the answer after that
 * input ends (without it, it hangs up at once), and HTTP/1.0 makes the server close, so it exits.
 */
function sClient(options: { verifyReturnError: boolean }): ClientCommand {
  return {
    kind: 'command',
    argv: [
      ...['openssl', 's_client', '-connect', '{host}:{port}'],
      ...(options.verifyReturnError ? ['-verify_return_error'] : []),
      ...['-verify_ip', '{host}', '-CAfile', '{serverCa}', '-cert', '{cert}', '-key', '{key}', '-ign_eof'],
    ],
    stdin: 'GET / HTTP/1.0\r\nHost: {host}\r\n\r\n',
    timeoutMs: 10_000,
  };
}

/** The certificate refusals of issue 26: each passed for an s_client that sent nothing anywhere. */
const certificateRefusals = ['refuses-untrusted-server', 'refuses-expired-server', 'refuses-wrong-hostname'];

/** s_client checking nothing and sending nothing: `-ign_eof` keeps it waiting after the handshake. */
function silentSClient(options: { waitAfterHandshake: boolean; timeoutMs: number }): ClientCommand {
  return {
    kind: 'command',
    argv: [
      ...[
        'openssl',
        's_client',
        '-connect',
        '{host}:{port}',
        '-verify_ip',
        '{host}',
        '-CAfile',
        '{serverCa}',
      ],
      ...['-cert', '{cert}', '-key', '{key}', ...(options.waitAfterHandshake ? ['-ign_eof'] : [])],
    ],
    timeoutMs: options.timeoutMs,
  };
}

describe('client suite: openssl s_client', function () {
  this.timeout(60_000);
  let fixtures: FixtureSet;

  before(async () => {
    fixtures = await testFixtures();
  });

  it('with -verify_return_error: every scenario passes, each refusal with the verify error it printed', async () => {
    const target = await runClientSuite(fixtures, { client: sClient({ verifyReturnError: true }) });
    expect(idsWithVerdict(target, 'fail'), clientVerdicts(target)).to.deep.equal([]);
    expect(idsWithVerdict(target, 'pass')).to.have.length(8);
    expect(scenarioOf(target, 'presents-certificate').reason).to.include('sent GET / (answered 200); exit 0');
    const evidence = (id: string) =>
      `${scenarioOf(target, id).reason}\n${scenarioOf(target, id).steps?.at(-1)?.note ?? ''}`;
    expect(evidence('refuses-untrusted-server'))
      .to.include('exit 1')
      .and.include('unable to get local issuer certificate');
    expect(evidence('refuses-expired-server')).to.include('certificate has expired');
    expect(evidence('refuses-wrong-hostname')).to.include('IP address mismatch');
    // OpenSSL sends the only certificate it has, whatever the CertificateRequest lists.
    expect(scenarioOf(target, 'ca-hint-mismatch').observed?.clientCertificate?.subject).to.include('tpp1');
  });

  it('without -verify_return_error (s_client only prints the error and goes on): the refusals fail', async () => {
    const target = await runClientSuite(fixtures, { client: sClient({ verifyReturnError: false }) });
    expect(idsWithVerdict(target, 'fail'), clientVerdicts(target)).to.deep.equal([
      'refuses-untrusted-server',
      'refuses-expired-server',
      'refuses-wrong-hostname',
      'refuses-weak-server-key',
      'refuses-sha1-server-cert',
    ]);
    expect(scenarioOf(target, 'refuses-wrong-hostname').reason).to.match(
      /but it sent GET \/ \(answered 200\) over TLSv1\.3 to a server where the server certificate is valid and from ca1, but names only other-host\.example/,
    );
  });

  it('with nothing on stdin (it completes every handshake and exits 0): the refusals fail, never passed for silence', async () => {
    const target = await runClientSuite(fixtures, {
      client: silentSClient({ waitAfterHandshake: false, timeoutMs: 10_000 }),
      selection: { only: certificateRefusals },
    });
    expect(idsWithVerdict(target, 'fail'), clientVerdicts(target)).to.deep.equal(certificateRefusals);
    for (const id of certificateRefusals) {
      expect(scenarioOf(target, id).reason).to.match(
        /^the client never showed it checks the server: it sent no request here \(the client closed the connection after the handshake, without sending a request\), nor to the valid server \(presents-certificate\) in the same run \(the client closed the connection after the handshake, without sending a request; exit 0 after \d+ ms: CONNECTED\(0+\d+\)\); a client that sends nothing anywhere checks nothing; exit 0 after \d+ ms/,
      );
      // The control's connection is evidence too, next to the scenario's own.
      expect(scenarioOf(target, id).steps?.map((step) => step.label)).to.deep.equal([
        'connection 1',
        'control, the valid server (presents-certificate): connection 1',
      ]);
    }
  });

  it('waiting after the handshake until killed at the timeout: the refusals fail, a kill is no refusal', async () => {
    const target = await runClientSuite(fixtures, {
      // Long enough for s_client to finish its handshake on a loaded machine; it then waits for ever.
      client: silentSClient({ waitAfterHandshake: true, timeoutMs: 4000 }),
      selection: { only: certificateRefusals },
    });
    expect(idsWithVerdict(target, 'fail'), clientVerdicts(target)).to.deep.equal(certificateRefusals);
    expect(scenarioOf(target, 'refuses-untrusted-server').reason).to.match(
      /^the client never showed it checks the server: it was killed at the timeout, which is no refusal \(its connection had got as far as the completed handshake\); killed \(SIGTERM\) at the timeout, after \d+ ms: verify error:num=20:unable to get local issuer certificate$/,
    );
  });
});
