import { expect } from 'chai';
import type { FixtureSet } from '../harness/pki/fixture-set.ts';
import type { ClientCommand } from '../harness/runner/client/client-under-test.ts';
import { diffRuns } from '../harness/baseline/diff-runs.ts';
import { testFixtures } from './support/fixtures.ts';
import {
  clientVerdicts,
  idsWithVerdict,
  runClientSuite,
  runClientSuites,
  scenarioOf,
} from './support/run-client-suite.ts';

const refusals = [
  'refuses-untrusted-server',
  'refuses-expired-server',
  'refuses-wrong-hostname',
  'refuses-legacy-tls',
];

/** The key matrix's servers (RSA-1024 key, SHA-1 signature), after ca-hint-mismatch in the catalogue. */
const keyRefusals = ['refuses-weak-server-key', 'refuses-sha1-server-cert'];

/** curl as an integration is usually scripted: identity, the partner's CA, the URL. */
function curl(...extra: string[]): ClientCommand {
  return {
    kind: 'command',
    argv: [
      'curl',
      '-sS',
      '--max-time',
      '10',
      '--cert',
      '{cert}',
      '--key',
      '{key}',
      '--cacert',
      '{serverCa}',
      ...extra,
      '{url}',
    ],
    timeoutMs: 15_000,
  };
}

describe('client suite: curl, a real client nobody here wrote', function () {
  this.timeout(60_000);
  let fixtures: FixtureSet;

  before(async () => {
    fixtures = await testFixtures();
  });

  it('conformant curl passes every scenario, and sends its certificate despite the CA hint', async () => {
    const target = await runClientSuite(fixtures, { client: curl() });
    expect(idsWithVerdict(target, 'pass'), clientVerdicts(target)).to.deep.equal([
      'presents-certificate',
      ...refusals,
      'ca-hint-mismatch',
      ...keyRefusals,
    ]);
    const presents = scenarioOf(target, 'presents-certificate');
    expect(presents.expected).to.equal('accepted');
    expect(presents.observed?.clientCertificate?.subject).to.include('CN=tpp1.demo.axway.com');
    expect(presents.observed?.clientCertificate?.issuer).to.include('CN=Axway Root CA');
    expect(presents.reason).to.match(
      /^presented CN=tpp1\.demo\.axway\.com issued by CN=Axway Root CA, chain of 1 to \[ca1\], valid .+ → .+; sent GET \/ \(answered 200\); exit 0/,
    );
    // OpenSSL refuses with the alert RFC 5246 §7.2.2 names for each flaw; curl says why on stderr.
    const untrusted = scenarioOf(target, 'refuses-untrusted-server');
    expect(untrusted.expected).to.equal('refused-by-client');
    expect(untrusted.observed?.alert?.name).to.equal('unknown_ca');
    expect(untrusted.reason).to.include('exit 60').and.include('unable to get local issuer certificate');
    expect(scenarioOf(target, 'refuses-expired-server').observed?.alert?.name).to.equal(
      'certificate_expired',
    );
    // curl checks the name only after the handshake: the server saw it complete, then nothing.
    const hostname = scenarioOf(target, 'refuses-wrong-hostname');
    expect(hostname.observed?.stage).to.equal('after-handshake');
    expect(hostname.reason).to.include(
      "no alternative certificate subject name matches target host name '127.0.0.1'",
    );
    expect(scenarioOf(target, 'refuses-legacy-tls').reason).to.include('exit 35');
    const hint = scenarioOf(target, 'ca-hint-mismatch');
    expect(hint.observed?.acceptableCaNames).to.deep.equal({
      obtained: true,
      names: ['C=BR, O=Rogue Ltd, CN=Rogue Root CA'],
    });
    expect(hint.reason).to.match(
      /^reported only: 1 connection: presented CN=tpp1\.demo\.axway\.com .*; sent GET \/ → 200/,
    );
  });

  it('curl -k (no server verification) fails the certificate refusals, with the request it sent as evidence', async () => {
    const target = await runClientSuite(fixtures, { client: curl('-k') });
    expect(idsWithVerdict(target, 'fail'), clientVerdicts(target)).to.deep.equal([
      'refuses-untrusted-server',
      'refuses-expired-server',
      'refuses-wrong-hostname',
      ...keyRefusals,
    ]);
    const untrusted = scenarioOf(target, 'refuses-untrusted-server');
    expect(untrusted.reason).to.match(
      /^expected the client to refuse, but it sent GET \/ \(answered 200\) over TLSv1\.3 to a server where the server certificate is issued by rogue-ca, not by ca1; it presented CN=tpp1\.demo\.axway\.com issued by CN=Axway Root CA; exit 0 after \d+ ms/,
    );
    expect(untrusted.observed?.tls?.serverChain[0]?.issuer).to.equal('C=BR, O=Rogue Ltd, CN=Rogue Root CA');
    expect(untrusted.observed?.tls?.serverTrusted).to.equal(false);
    expect(untrusted.reproduce).to.include('mtls-conformance serve').and.include('--identity rogue-server');
    expect(untrusted.reproduce).to.include(' -k https://127.0.0.1:8443/');
    expect(scenarioOf(target, 'refuses-expired-server').reason).to.include('expired 30 days ago');
    expect(scenarioOf(target, 'refuses-wrong-hostname').observed?.tls?.hostnameMatches).to.equal(false);
    // -k does not lower OpenSSL 3's floor: TLS 1.0/1.1 stay refused (security level 1 forbids their SHA-1 signatures).
    expect(scenarioOf(target, 'refuses-legacy-tls').verdict).to.equal('pass');
  });

  it('curl verifying at security level 0 takes the RSA-1024 and SHA-1 servers (and TLS 1.0/1.1): those fail', async () => {
    const target = await runClientSuite(fixtures, { client: curl('--ciphers', 'DEFAULT:@SECLEVEL=0') });
    expect(idsWithVerdict(target, 'fail'), clientVerdicts(target)).to.deep.equal([
      'refuses-legacy-tls',
      ...keyRefusals,
    ]);
    expect(scenarioOf(target, 'refuses-weak-server-key').reason).to.include('has an RSA-1024 key');
    expect(scenarioOf(target, 'refuses-sha1-server-cert').reason).to.include('is signed with SHA-1');
  });

  it('curl -k --tlsv1.0 at security level 0 also fails refuses-legacy-tls', async () => {
    const target = await runClientSuite(fixtures, {
      client: curl('-k', '--tlsv1.0', '--ciphers', 'DEFAULT:@SECLEVEL=0'),
      selection: { only: ['refuses-legacy-tls'] },
    });
    const legacy = scenarioOf(target, 'refuses-legacy-tls');
    expect(legacy.verdict, legacy.reason).to.equal('fail');
    expect(legacy.reason).to.match(
      /sent GET \/ \(answered 200\) over TLSv1\.1 to a server where the server offers only TLS 1\.0 and TLS 1\.1/,
    );
  });

  it('curl capped at TLS 1.1 fails the certificate refusals: the server refused its version before any certificate', async () => {
    const certificateRefusals = refusals.slice(0, 3);
    const target = await runClientSuite(fixtures, {
      client: curl('--tlsv1.0', '--tls-max', '1.1'),
      selection: { only: certificateRefusals },
    });
    expect(idsWithVerdict(target, 'fail'), clientVerdicts(target)).to.deep.equal(certificateRefusals);
    expect(scenarioOf(target, 'refuses-expired-server').reason).to.match(
      /^the client never showed it checks the server: the server refused it before sending its certificate \(no TLS version in common with the client; refused the handshake \(unsupported protocol\)\), so it never saw the certificate it should refuse; exit 35 after \d+ ms: curl: \(35\) .*alert protocol version$/,
    );
  });

  it('curl trusting another CA refuses every server, the valid one too: its refusals show nothing', async () => {
    const target = await runClientSuite(fixtures, {
      client: {
        ...curl(),
        argv: curl().argv.map((part) => (part === '{serverCa}' ? fixtures.path('ca2', 'crt') : part)),
      },
    });
    expect(idsWithVerdict(target, 'fail'), clientVerdicts(target)).to.deep.equal([
      'presents-certificate',
      ...refusals,
      ...keyRefusals,
    ]);
    // Each alert alone would look like a refusal: the valid server's run says it refuses everything.
    const untrusted = scenarioOf(target, 'refuses-untrusted-server');
    expect(untrusted.observed?.alert?.name).to.equal('unknown_ca');
    expect(untrusted.reason).to.match(
      /^the client never showed it checks the server: it sent no request here \(the client sent TLS alert unknown_ca \(48\) after the server's certificate, before completing the handshake\), nor to the valid server \(presents-certificate\) in the same run \(the client sent TLS alert \w+ \(\d+\) after the server's certificate, before completing the handshake; exit 60 after \d+ ms: curl: \(60\) SSL certificate problem: .+\); a client that sends nothing anywhere checks nothing; exit 60 after \d+ ms: curl: \(60\) SSL certificate problem: unable to get local issuer certificate$/,
    );
  });

  it('a client that refuses but then hangs until killed at the timeout is not judged to have refused', async () => {
    const target = await runClientSuite(fixtures, {
      // curl refuses the rogue server; the wrapper then sleeps past the timeout.
      client: {
        kind: 'command',
        argv: [
          'sh',
          '-c',
          'curl -sS --cert "$1" --key "$2" --cacert "$3" "$4" || sleep 30',
          'sh',
          '{cert}',
          '{key}',
          '{serverCa}',
          '{url}',
        ],
        // Long enough for curl to refuse on a loaded machine; the sleep then outlives it.
        timeoutMs: 4000,
      },
      selection: { only: ['refuses-untrusted-server'] },
    });
    const untrusted = scenarioOf(target, 'refuses-untrusted-server');
    expect(untrusted.verdict, untrusted.reason).to.equal('fail');
    expect(untrusted.reason).to.match(
      /^the client never showed it checks the server: it was killed at the timeout, which is no refusal \(its connection had got as far as the server's certificate\); killed \(SIGTERM\) at the timeout, after \d+ ms: curl: \(60\) SSL certificate problem: unable to get local issuer certificate$/,
    );
  });

  it('presents-certificate fails a client configured with the wrong certificate, or with none', async () => {
    const wrong = await runClientSuite(fixtures, {
      client: curl(),
      identity: { certFile: fixtures.path('rogue', 'crt'), keyFile: fixtures.path('rogue', 'key') },
      selection: { only: ['presents-certificate'] },
    });
    const presented = scenarioOf(wrong, 'presents-certificate');
    expect(presented.verdict).to.equal('fail');
    expect(presented.reason).to.match(
      /^presented CN=rogue\.demo\.axway\.com issued by CN=Rogue Root CA, which does not chain to \[ca1\] \(UNABLE_TO_GET_ISSUER_CERT_LOCALLY\)/,
    );

    const none = await runClientSuite(fixtures, {
      client: { ...curl(), argv: ['curl', '-sS', '--cacert', '{serverCa}', '{url}'] },
      selection: { only: ['presents-certificate'] },
    });
    const nothing = scenarioOf(none, 'presents-certificate');
    expect(nothing.verdict).to.equal('fail');
    expect(nothing.reason).to.match(
      /^expected a client certificate chaining to \[ca1\], but the client presented none: .*(certificate_required|handshake_failure)/,
    );
  });

  it('a command that never connects fails every judged scenario instead of passing the refusals', async () => {
    const target = await runClientSuite(fixtures, {
      client: { kind: 'command', argv: ['mtlsc-no-such-client', '{url}'], timeoutMs: 5000 },
    });
    expect(idsWithVerdict(target, 'fail'), clientVerdicts(target)).to.deep.equal([
      'presents-certificate',
      ...refusals,
      ...keyRefusals,
    ]);
    expect(scenarioOf(target, 'refuses-untrusted-server').reason).to.equal(
      'expected refused-by-client, but the client never connected (could not start: spawn mtlsc-no-such-client ENOENT)',
    );
    expect(scenarioOf(target, 'ca-hint-mismatch').verdict).to.equal('pass');
  });

  it('kills a client that outlives its timeout, with everything it started', async () => {
    const started = performance.now();
    const target = await runClientSuite(fixtures, {
      // The shell's child holds the pipes open: only killing the process group ends it.
      client: { kind: 'command', argv: ['sh', '-c', 'sleep 30; echo never'], timeoutMs: 300 },
      selection: { only: ['presents-certificate'] },
    });
    expect(performance.now() - started).to.be.below(5000);
    expect(scenarioOf(target, 'presents-certificate').reason).to.match(
      /never connected \(killed \(SIGTERM\) at the timeout, after \d+ ms\)$/,
    );
  });

  it('gives a baseline nothing to report between two runs of the same client, and the change to curl -k', async () => {
    const first = await runClientSuites(fixtures, [{ client: curl() }]);
    const again = await runClientSuites(fixtures, [{ client: curl() }]);
    // Ports and timings differ from run to run; the observations a baseline compares do not.
    expect(diffRuns(first, again).differences).to.deep.equal([]);
    const changed = await runClientSuites(fixtures, [{ client: curl('-k') }]);
    expect(
      diffRuns(first, changed).differences.map((difference) => [
        difference.scenario?.id,
        difference.category,
      ]),
    ).to.deep.equal([
      ['refuses-untrusted-server', 'newly-accepted'],
      ['refuses-expired-server', 'newly-accepted'],
      ['refuses-wrong-hostname', 'newly-accepted'],
      ['refuses-weak-server-key', 'newly-accepted'],
      ['refuses-sha1-server-cert', 'newly-accepted'],
    ]);
  });

  it('never lets the keystore passphrase into argv or the evidence', async () => {
    const target = await runClientSuite(fixtures, {
      client: {
        kind: 'command',
        // The client prints its whole environment: the excerpt must mask the passphrase.
        argv: ['sh', '-c', 'echo "arg=$0 value=$(printenv "$0")"; env', '{passphraseEnv}'],
        timeoutMs: 5000,
      },
      selection: { only: ['presents-certificate'] },
    });
    const evidence = JSON.stringify(target);
    expect(evidence).to.match(/arg=MTLSC_CLIENT_PASSPHRASE value=\[redacted [^\]]*passphrase\]/);
    expect(evidence).not.to.include('test-passphrase-not-secret');
  });
});
