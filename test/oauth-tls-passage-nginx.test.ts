import { expect } from 'chai';
import type { FixtureSet } from '../harness/pki/fixture-set.ts';
import { probeTarget } from '../harness/probe/probe-target.ts';
import { probeTlsControls } from '../harness/runner/oauth/probe-tls-controls.ts';
import { describeTlsPassage } from '../harness/runner/oauth/tls-passage.ts';
import type { TargetContext } from '../harness/runner/target-context.ts';
import { NginxProcessTargetProvider } from '../harness/targets/nginx-process-target.ts';
import type { NginxVerifyClient } from '../harness/targets/nginx-target-options.ts';
import { testFixtures } from './support/fixtures.ts';

// What the oauth suite says the TLS layer did, from what Debian's nginx 1.22 really does with tpp2, with
// no certificate and with rogue-ca's, for each ssl_verify_client: the wording claims only what was seen.
describe("what the TLS layer did, against Debian's nginx for each ssl_verify_client (issue 19)", function () {
  this.timeout(120_000);
  let fixtures: FixtureSet;
  before(async () => {
    fixtures = await testFixtures();
  });

  // ca1 and ca2 share one DN, which nginx lists once (SSL_load_client_CA_file keeps one of each name):
  // the CA names cannot tell them apart, so "the handshake completed" is all that says ca2 was taken.
  const caNames = 'the CA CN=Axway Root CA';
  const seen = (names: string, rest: string) =>
    `the server asked for a client certificate, naming ${names}; the handshake completed with tpp2's certificate; ${rest}`;
  const cases: Array<{ verifyClient: NginxVerifyClient; text: string }> = [
    {
      verifyClient: 'on',
      text: seen(
        caNames,
        'a client without a certificate is refused by the TLS layer (required); a certificate from rogue-ca (fixture rogue) is refused by the TLS layer, so it verifies certificates',
      ),
    },
    {
      verifyClient: 'optional',
      text: seen(
        caNames,
        'a client without a certificate completes the handshake too (asked for, not required); a certificate from rogue-ca (fixture rogue) is refused by the TLS layer, so it verifies certificates',
      ),
    },
    {
      // optional_no_ca still names the CAs of ssl_client_certificate, and takes any certificate.
      verifyClient: 'optional_no_ca',
      text: seen(
        caNames,
        "a client without a certificate completes the handshake too (asked for, not required); a certificate from rogue-ca (fixture rogue), which the target is not declared to trust, completes the handshake too, so the TLS layer was not seen to verify tpp2's",
      ),
    },
  ];
  for (const { verifyClient, text } of cases) {
    it(`ssl_verify_client ${verifyClient}`, async () => {
      await using target = await new NginxProcessTargetProvider({
        declaration: {
          name: `oauth-tls-${verifyClient}`,
          trusts: ['ca1', 'ca2'],
          rejectAt: 'any',
          tlsVersions: ['TLSv1.2', 'TLSv1.3'],
        },
        fixtures,
        options: { verifyClient },
      }).start();
      const context: TargetContext = {
        declaration: target.declaration,
        fixtures,
        trustedIdentity: {
          identity: fixtures.identity('tpp1'),
          files: { certFile: fixtures.path('tpp1', 'crt'), keyFile: fixtures.path('tpp1', 'key') },
        },
        serverTrust: { pem: fixtures.certificatePem('ca1'), file: fixtures.path('ca1', 'crt') },
        timeouts: {},
      };
      const controls = await probeTlsControls(context, target.url, (options) => probeTarget(options));
      const tpp2 = await probeTarget({
        url: target.url,
        identity: fixtures.identity('tpp2'),
        serverTrustPem: fixtures.certificatePem('ca1'),
      });

      expect(tpp2.http?.status, tpp2.reason).to.equal(200);
      expect(describeTlsPassage(tpp2, 'tpp2', controls ?? {})).to.deep.equal({ text, certificateSent: true });
    });
  }
});
