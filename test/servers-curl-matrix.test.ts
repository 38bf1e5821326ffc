import { expect } from 'chai';
import type { FixtureSet } from '../harness/pki/open-fixture-set.ts';
import type { ClientAuthMode } from '../harness/servers/client-auth-mode.ts';
import { MockMtlsServer } from '../harness/servers/mock-mtls-server.ts';
import type { RefusalStage } from '../harness/servers/refusal-stage.ts';
import type { StartedMockMtlsServer } from '../harness/servers/started-mock-mtls-server.ts';
import { testFixtures } from './support/fixtures.ts';
import { runCurl } from './support/run-curl.ts';

type Trust = 'ca1' | 'ca1+ca2';

interface Presentation {
  label: string;
  /** Fixture name, or undefined for no certificate. */
  identity?: string;
  withChain?: boolean;
  /** The verification error a server with this trust finds (OpenSSL's name), null when valid. */
  error?: Record<Trust, string | null>;
}

const both = (error: string | null): Record<Trust, string | null> => ({ ca1: error, 'ca1+ca2': error });

// Every fixture identity, with what `openssl verify -purpose sslclient` says of it (pinned against
// openssl itself in servers-verify-client-chain.test.ts).
const presentations: Presentation[] = [
  { label: 'no certificate' },
  { label: 'tpp1', identity: 'tpp1', error: both(null) },
  { label: 'tpp2', identity: 'tpp2', error: { ca1: 'UNABLE_TO_GET_ISSUER_CERT_LOCALLY', 'ca1+ca2': null } },
  { label: 'rogue', identity: 'rogue', error: both('UNABLE_TO_GET_ISSUER_CERT_LOCALLY') },
  { label: 'expired', identity: 'expired', error: both('CERT_HAS_EXPIRED') },
  { label: 'not-yet-valid', identity: 'not-yet-valid', error: both('CERT_NOT_YET_VALID') },
  { label: 'self-signed', identity: 'self-signed', error: both('DEPTH_ZERO_SELF_SIGNED_CERT') },
  { label: 'wrong-eku', identity: 'wrong-eku', error: both('INVALID_PURPOSE') },
  {
    label: 'intermediate-leaf with chain',
    identity: 'intermediate-leaf',
    withChain: true,
    error: both(null),
  },
  {
    label: 'intermediate-leaf without chain',
    identity: 'intermediate-leaf',
    withChain: false,
    error: both('UNABLE_TO_GET_ISSUER_CERT_LOCALLY'),
  },
];

interface Expected {
  verdict: 'accepted' | 'rejected';
  refusedAt?: RefusalStage;
  /** 0: no HTTP response (curl prints 000). */
  status: number;
  bodyIncludes?: string;
}

function expectedOutcome(
  mode: ClientAuthMode,
  refusal: RefusalStage,
  /** undefined: no certificate presented. */
  error: string | null | undefined,
): Expected {
  if (error === null || (error === undefined && mode === 'optional')) {
    return { verdict: 'accepted', status: 200, bodyIncludes: '"status":"ok"' };
  }
  if (refusal === 'handshake') return { verdict: 'rejected', refusedAt: 'handshake', status: 0 };
  const text = error === undefined ? 'No required SSL certificate was sent' : 'The SSL certificate error';
  return { verdict: 'rejected', refusedAt: 'http', status: 400, bodyIncludes: `<center>${text}</center>` };
}

describe('MockMtlsServer against curl: every mode × refusal stage × trust × TLS version × identity', function () {
  this.timeout(120_000);
  let fixtures: FixtureSet;

  before(async () => {
    fixtures = await testFixtures();
  });

  for (const trust of ['ca1', 'ca1+ca2'] as const) {
    for (const mode of ['require', 'optional'] as const) {
      for (const refusal of ['handshake', 'http'] as const) {
        describe(`trust ${trust}, client auth ${mode}, refusal at ${refusal}`, () => {
          let server: StartedMockMtlsServer;

          before(async () => {
            server = await new MockMtlsServer(fixtures.identity('server'))
              .withTrust(fixtures.trustBundlePem(trust.split('+')))
              .withClientAuth(mode)
              .withRefusal(refusal)
              .start();
          });

          after(async () => {
            await server.stop();
          });

          for (const tls of ['1.2', '1.3'] as const) {
            for (const presentation of presentations) {
              const error = presentation.error?.[trust];
              const expected = expectedOutcome(mode, refusal, error);
              const title = `TLS ${tls}, ${presentation.label}: ${expected.verdict}${expected.refusedAt ? ` at ${expected.refusedAt}` : ''} (${expected.status || 'no response'})`;

              it(title, async () => {
                const before = server.connections.length;
                const name = presentation.identity;
                const result = await runCurl({
                  url: `https://localhost:${server.port}/healthcheck`,
                  caFile: fixtures.path('ca1', 'crt'),
                  tls,
                  ...(name === undefined
                    ? {}
                    : {
                        cert: fixtures.path(name, presentation.withChain === true ? 'chain' : 'crt'),
                        key: fixtures.path(name, 'key'),
                      }),
                });
                const record = (await server.waitForConnections(before + 1))[before];

                expect(result.status, result.stderr).to.equal(expected.status);
                if (expected.status === 0) expect([35, 52, 56]).to.include(result.exitCode);
                if (expected.bodyIncludes !== undefined)
                  expect(result.body).to.include(expected.bodyIncludes);
                expect(record?.protocol).to.equal(`TLSv${tls}`);
                expect(record?.servername).to.equal('localhost');
                expect(record?.verdict).to.equal(expected.verdict);
                expect(record?.refusedAt).to.equal(expected.refusedAt);
                if (name === undefined) {
                  expect(record?.clientChain).to.deep.equal([]);
                  expect(record?.authorized).to.equal(false);
                  if (expected.refusedAt === 'handshake') {
                    expect(record?.tlsError).to.equal('ERR_SSL_PEER_DID_NOT_RETURN_A_CERTIFICATE');
                  }
                } else {
                  expect(record?.clientChain[0]?.subject).to.include(`CN=${name}.demo.axway.com`);
                  expect(record?.clientChain).to.have.length(presentation.withChain === true ? 2 : 1);
                  expect(record?.authorized).to.equal(error === null);
                  expect(record?.authorizationError).to.equal(error ?? undefined);
                }
                expect(record?.requests.map((request) => request.status)).to.deep.equal(
                  expected.status === 0 ? [] : [expected.status],
                );
              });
            }
          }
        });
      }
    }
  }
});
