import { expect } from 'chai';
import type { SecureVersion } from 'node:tls';
import type { FixtureSet } from '../harness/pki/fixture-set.ts';
import { forgetAcceptableCaNames } from '../harness/probe/acceptable-ca-names.ts';
import type { Observation } from '../harness/probe/observation.ts';
import { probeTarget } from '../harness/probe/probe-target.ts';
import { testFixtures } from './support/fixtures.ts';
import { identityOf, presentedCases, trustedBy, type PresentedCase } from './support/probe-identities.ts';
import {
  nginxStyleHandler,
  okHandler,
  startHttpsServer,
  type StartedTestServer,
} from './support/probe-test-servers.ts';

interface ServerMode {
  name: string;
  trust: readonly string[];
  /** Node's rejectUnauthorized: true refuses at the TLS layer; false lets the handler decide. */
  rejectUnauthorized: boolean;
  handler: typeof okHandler;
}

const modes: readonly ServerMode[] = [
  { name: 'require, trust ca1', trust: ['ca1'], rejectUnauthorized: true, handler: okHandler },
  { name: 'require, trust ca1+ca2', trust: ['ca1', 'ca2'], rejectUnauthorized: true, handler: okHandler },
  // Misconfigured on purpose: asks for a certificate, accepts anything (issue 3's self-test variant).
  { name: 'request but accept any', trust: ['ca1'], rejectUnauthorized: false, handler: okHandler },
  {
    name: 'refuse by HTTP 400 as nginx',
    trust: ['ca1'],
    rejectUnauthorized: false,
    handler: nginxStyleHandler,
  },
];

type Expected = Pick<Observation, 'outcome' | 'stage'> & { alert?: string; status?: number };

/**
 * What each Node server does, measured on Node 20.20 and explained:
 * - no certificate, rejectUnauthorized: OpenSSL itself refuses (SSL_VERIFY_FAIL_IF_NO_PEER_CERT): alert 40
 *   in the TLS 1.2 handshake; alert 116 after a TLS 1.3 handshake.
 * - an untrusted certificate, rejectUnauthorized: Node's JavaScript destroys the socket without an alert;
 *   in TLS 1.2 before its Finished (the handshake fails), in TLS 1.3 after the client's (a close).
 */
function expected(mode: ServerMode, version: SecureVersion, presented: PresentedCase): Expected {
  const trusted = trustedBy(mode.trust, presented);
  if (!mode.rejectUnauthorized) {
    if (mode.handler === okHandler || trusted) return { outcome: 'accepted', stage: 'http', status: 200 };
    return { outcome: 'rejected', stage: 'http', status: 400 };
  }
  if (trusted) return { outcome: 'accepted', stage: 'http', status: 200 };
  const tls13 = version === 'TLSv1.3';
  const stage = tls13 ? 'after-handshake' : 'tls-handshake';
  if (presented.fixture === undefined) {
    return { outcome: 'rejected', stage, alert: tls13 ? 'certificate_required' : 'handshake_failure' };
  }
  return { outcome: 'rejected', stage };
}

describe('probeTarget against Node HTTPS servers', () => {
  let fixtures: FixtureSet;
  before(async () => {
    fixtures = await testFixtures();
  });

  for (const mode of modes) {
    for (const version of ['TLSv1.2', 'TLSv1.3'] as const) {
      describe(`${mode.name}, ${version} only`, () => {
        let server: StartedTestServer;
        before(async () => {
          forgetAcceptableCaNames();
          server = await startHttpsServer(
            {
              key: fixtures.identity('server').privateKeyPem,
              cert: fixtures.certificatePem('server'),
              ca: fixtures.trustBundlePem(mode.trust),
              requestCert: true,
              rejectUnauthorized: mode.rejectUnauthorized,
              minVersion: version,
              maxVersion: version,
            },
            mode.handler,
          );
        });
        after(() => server.close());

        for (const presented of presentedCases) {
          const want = expected(mode, version, presented);
          const wantText = `${want.outcome} at ${want.stage}${want.alert ? ` (${want.alert})` : ''}${want.status ? ` (HTTP ${want.status})` : ''}`;
          it(`${presented.label}: ${wantText}`, async () => {
            const identity = identityOf(fixtures, presented);
            const observation = await probeTarget({
              url: `https://localhost:${server.port}/healthcheck`,
              ...(identity && { identity }),
              serverTrustPem: fixtures.certificatePem('ca1'),
            });
            const seen = {
              outcome: observation.outcome,
              stage: observation.stage,
              ...(observation.alert && { alert: observation.alert.name }),
              ...(observation.http && { status: observation.http.status }),
            };
            expect(seen, observation.reason).to.deep.equal(want);
            expect(observation.clientCertificate?.fingerprintSha256).to.equal(
              identity?.certificate.fingerprintSha256,
            );
            if (observation.outcome === 'accepted' || observation.stage !== 'tls-handshake') {
              expect(observation.tls?.protocol).to.equal(version);
              expect(observation.tls?.serverTrusted).to.equal(true);
              expect(observation.tls?.hostnameMatches).to.equal(true);
            }
          });
        }
      });
    }
  }
});

describe('probeTarget when the TLS versions do not meet', () => {
  let fixtures: FixtureSet;
  before(async () => {
    fixtures = await testFixtures();
  });

  // OpenSSL answers a ClientHello without a common version with alert 70 (RFC 8446 §4.2.1).
  const cases = [
    { server: 'TLSv1.2', probe: 'TLSv1.3' },
    { server: 'TLSv1.3', probe: 'TLSv1.2' },
    // The probe lowers OpenSSL's security level itself to offer TLS 1.1 at all.
    { server: 'TLSv1.2', probe: 'TLSv1.1' },
  ] as const;
  for (const { server: serverVersion, probe } of cases) {
    it(`a ${serverVersion}-only server refuses a ${probe}-only probe with protocol_version`, async () => {
      await using server = await startHttpsServer(
        {
          key: fixtures.identity('server').privateKeyPem,
          cert: fixtures.certificatePem('server'),
          minVersion: serverVersion,
          maxVersion: serverVersion,
        },
        okHandler,
      );
      const observation = await probeTarget({
        url: `https://localhost:${server.port}/`,
        minVersion: probe,
        maxVersion: probe,
        acceptableCaNames: 'skip',
      });
      expect(observation).to.deep.include({
        outcome: 'rejected',
        stage: 'tls-handshake',
        alert: { code: 70, name: 'protocol_version' },
        errorCode: 'ERR_SSL_TLSV1_ALERT_PROTOCOL_VERSION',
      });
    });
  }
});
