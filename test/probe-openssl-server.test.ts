import { expect } from 'chai';
import { execFile } from 'node:child_process';
import type { FixtureSet } from '../harness/pki/fixture-set.ts';
import { forgetAcceptableCaNames } from '../harness/probe/acceptable-ca-names.ts';
import { probeTarget } from '../harness/probe/probe-target.ts';
import { summarizeCertificate } from '../harness/pki/certificate-summary.ts';
import { testFixtures } from './support/fixtures.ts';
import { startOpensslServer, type StartedOpensslServer } from './support/openssl-server.ts';
import { identityOf, presentedCases, type PresentedCase } from './support/probe-identities.ts';

/**
 * `openssl s_server -Verify 1 -verify_return_error -CAfile ca1.crt` refuses at the handshake with the
 * alert OpenSSL maps each verification error to (ssl/statem/statem_lib.c ssl_x509err2alert). Under
 * TLS 1.2 the refusal fails the handshake; under TLS 1.3 it arrives after the client's Finished.
 */
const alertByCase: Record<string, string | null> = {
  'no certificate': 'handshake_failure',
  tpp1: null,
  // Same subject DN as ca1 but another key: X509_V_ERR_UNABLE_TO_GET_ISSUER_CERT_LOCALLY.
  tpp2: 'unknown_ca',
  rogue: 'unknown_ca',
  expired: 'certificate_expired',
  // X509_V_ERR_CERT_NOT_YET_VALID has no alert of its own: bad_certificate.
  'not-yet-valid': 'bad_certificate',
  'self-signed': 'unknown_ca',
  // X509_V_ERR_INVALID_PURPOSE: the certificate is for serverAuth only.
  'wrong-eku': 'unsupported_certificate',
  'intermediate-leaf with chain': null,
  'intermediate-leaf without chain': 'unknown_ca',
};

const versions = [
  { flag: '-tls1_2', version: 'TLSv1.2', stage: 'tls-handshake', noCertificateAlert: 'handshake_failure' },
  {
    flag: '-tls1_3',
    version: 'TLSv1.3',
    stage: 'after-handshake',
    noCertificateAlert: 'certificate_required',
  },
] as const;

describe('probeTarget against openssl s_server -Verify 1 -verify_return_error -CAfile ca1.crt', () => {
  let fixtures: FixtureSet;
  before(async () => {
    fixtures = await testFixtures();
  });

  for (const { flag, version, stage, noCertificateAlert } of versions) {
    describe(`${flag}`, () => {
      let server: StartedOpensslServer;
      before(async () => {
        forgetAcceptableCaNames();
        server = await startOpensslServer([
          ...['-Verify', '1', '-verify_return_error', '-www', flag],
          ...['-CAfile', fixtures.path('ca1', 'crt')],
          ...['-cert', fixtures.path('server', 'crt'), '-key', fixtures.path('server', 'key')],
        ]);
      });
      after(() => server.stop());

      for (const presented of presentedCases) {
        const alert = presented.fixture === undefined ? noCertificateAlert : alertByCase[presented.label];
        const want = alert ? `rejected at ${stage} with ${alert}` : 'accepted at http with 200';
        it(`${presented.label}: ${want}, and curl agrees`, async () => {
          const identity = identityOf(fixtures, presented);
          const observation = await probeTarget({
            url: `https://localhost:${server.port}/`,
            ...(identity && { identity }),
            serverTrustPem: fixtures.certificatePem('ca1'),
          });
          const seen = `${observation.outcome} at ${observation.stage} with ${observation.alert?.name ?? observation.http?.status}`;
          expect(seen, `${observation.reason}\n${server.output()}`).to.equal(want);
          expect(observation.tls?.serverTrusted).to.equal(
            observation.stage === 'tls-handshake' ? undefined : true,
          );
          if (observation.stage !== 'tls-handshake') expect(observation.tls?.protocol).to.equal(version);

          const curl = await curlVerdict(fixtures, presented, server.port);
          expect(curl.accepted, `curl: ${curl.detail}`).to.equal(observation.outcome === 'accepted');
        });
      }

      const caNamesTitle =
        flag === '-tls1_2'
          ? "reads ca1's name from the CertificateRequest (openssl lists its -CAfile)"
          : 'says why the CA names cannot be read from a TLS 1.3-only server';
      it(caNamesTitle, async () => {
        const observation = await probeTarget({ url: `tls://127.0.0.1:${server.port}` });
        if (flag === '-tls1_2') {
          expect(observation.acceptableCaNames).to.deep.equal({
            obtained: true,
            names: [summarizeCertificate(fixtures.certificatePem('ca1')).subject],
          });
          expect(observation.tls?.clientCertificateRequested).to.equal(true);
        } else {
          expect(observation.acceptableCaNames.obtained).to.equal(false);
          expect(observation)
            .to.have.nested.property('acceptableCaNames.why')
            .that.includes('alert 70 protocol_version');
          // Without a certificate, OpenSSL's TLS 1.3 refusal is certificate_required: it did ask.
          expect(observation.tls?.clientCertificateRequested).to.equal(true);
        }
      });
    });
  }
});

/** curl with the same identity: accepted means exit 0 and a 2xx status, as a user would judge it. */
async function curlVerdict(
  fixtures: FixtureSet,
  presented: PresentedCase,
  port: number,
): Promise<{ accepted: boolean; detail: string }> {
  const identityArgs =
    presented.fixture === undefined
      ? []
      : [
          ...['--cert', fixtures.path(presented.fixture, presented.withChain === true ? 'chain' : 'crt')],
          ...['--key', fixtures.path(presented.fixture, 'key')],
        ];
  const args = ['-sS', '-o', '/dev/null', '-w', '%{http_code}', '--max-time', '10'];
  args.push('--cacert', fixtures.path('ca1', 'crt'), ...identityArgs, `https://localhost:${port}/`);
  return new Promise((resolve) => {
    execFile('curl', args, (error, stdout, stderr) => {
      const code = error ? (error.code ?? 'error') : 0;
      resolve({
        accepted: code === 0 && /^2\d\d$/.test(stdout),
        detail: `exit ${String(code)}, status ${stdout}, ${stderr.trim()}`,
      });
    });
  });
}
