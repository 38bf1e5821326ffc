import { expect } from 'chai';
import type { SecureVersion } from 'node:tls';
import type { FixtureSet } from '../harness/pki/fixture-set.ts';
import type { Observation } from '../harness/probe/observation.ts';
import { probeTarget } from '../harness/probe/probe-target.ts';
import type { ClientAuthMode } from '../harness/servers/client-auth-mode.ts';
import { MockMtlsServer } from '../harness/servers/mock-mtls-server.ts';
import type { RefusalStage } from '../harness/servers/refusal-stage.ts';
import type { ServerMisconfiguration } from '../harness/servers/server-misconfiguration.ts';
import type { StartedMockMtlsServer } from '../harness/servers/started-mock-mtls-server.ts';
import { testFixtures } from './support/fixtures.ts';
import { identityOf, presentedCases, trustedBy, type PresentedCase } from './support/probe-identities.ts';

// The probe against the harness's own mock servers, in every mode the issue lists: what the probe
// reports is what each server kind does. The mock verifies chains itself and, refusing at the
// handshake, drops the connection as Node's TLS servers do: no alert for a bad certificate (OpenSSL's
// own alert 40 / 116 only for a missing one under `require`), during the TLS 1.2 handshake, after the
// TLS 1.3 one. Refusing at HTTP it answers as nginx does.

interface Expected {
  outcome: Observation['outcome'];
  stage: Observation['stage'];
  /** The TLS alert's name, or null: none was sent. */
  alert: string | null;
  /** The HTTP status, or null: no HTTP answer. */
  status: number | null;
  bodyIncludes?: string;
}

function expected(
  trust: readonly string[],
  mode: ClientAuthMode,
  refusal: RefusalStage,
  version: SecureVersion,
  presented: PresentedCase,
  misconfiguration?: ServerMisconfiguration,
): Expected {
  const accepted: Expected = { outcome: 'accepted', stage: 'http', alert: null, status: 200 };
  if (misconfiguration === 'accept-any-certificate') return accepted;
  const none = presented.fixture === undefined;
  if (trustedBy(trust, presented) || (none && mode === 'optional')) return accepted;
  if (refusal === 'http') {
    const text = none ? 'No required SSL certificate was sent' : 'The SSL certificate error';
    return { outcome: 'rejected', stage: 'http', alert: null, status: 400, bodyIncludes: text };
  }
  const tls13 = version === 'TLSv1.3';
  const stage = tls13 ? 'after-handshake' : 'tls-handshake';
  const alert = none ? (tls13 ? 'certificate_required' : 'handshake_failure') : null;
  return { outcome: 'rejected', stage, alert, status: null };
}

describe('probe against MockMtlsServer: trust × client auth × refusal stage × TLS version × identity', function () {
  this.timeout(60_000);
  let fixtures: FixtureSet;
  before(async () => {
    fixtures = await testFixtures();
  });

  const servers: Array<{
    trust: string[];
    mode: ClientAuthMode;
    refusal: RefusalStage;
    misconfiguration?: ServerMisconfiguration;
  }> = [];
  for (const trust of [['ca1'], ['ca1', 'ca2']])
    for (const mode of ['require', 'optional'] as const)
      for (const refusal of ['handshake', 'http'] as const) servers.push({ trust, mode, refusal });
  // The self-test variant a conformance harness exists to catch: asks for a certificate, lets anyone in.
  servers.push({
    trust: ['ca1'],
    mode: 'require',
    refusal: 'handshake',
    misconfiguration: 'accept-any-certificate',
  });

  for (const { trust, mode, refusal, misconfiguration } of servers) {
    const name = `trust ${trust.join('+')}, ${mode}, refusing at ${refusal}${misconfiguration ? `, misconfigured: ${misconfiguration}` : ''}`;
    describe(name, () => {
      let server: StartedMockMtlsServer;
      before(async () => {
        const builder = new MockMtlsServer(fixtures.identity('server'))
          .withTrust(fixtures.trustBundlePem(trust))
          .withClientAuth(mode)
          .withRefusal(refusal);
        server = await (misconfiguration ? builder.withMisconfiguration(misconfiguration) : builder).start();
      });
      after(() => server.stop());

      for (const version of ['TLSv1.2', 'TLSv1.3'] as const) {
        for (const presented of presentedCases) {
          const want = expected(trust, mode, refusal, version, presented, misconfiguration);
          const title = `${version}, ${presented.label}: ${want.outcome} at ${want.stage}${want.alert ? `, alert ${want.alert}` : ''}${want.status ? `, HTTP ${want.status}` : ''}`;
          it(title, async () => {
            const identity = identityOf(fixtures, presented);
            const observation = await probeTarget({
              url: `https://localhost:${server.port}/healthcheck`,
              ...(identity && { identity }),
              serverTrustPem: fixtures.certificatePem('ca1'),
              minVersion: version,
              maxVersion: version,
            });
            const seen = `${observation.outcome} at ${observation.stage}: ${observation.reason}`;
            expect(observation.outcome, seen).to.equal(want.outcome);
            expect(observation.stage, seen).to.equal(want.stage);
            expect(observation.alert?.name ?? null, seen).to.equal(want.alert);
            expect(observation.http?.status ?? null, seen).to.equal(want.status);
            if (want.bodyIncludes) expect(observation.http?.bodyExcerpt).to.include(want.bodyIncludes);
            // A TLS 1.2 handshake that failed negotiated nothing; every other probe got this far.
            if (observation.stage !== 'tls-handshake')
              expect(observation.tls?.protocol, seen).to.equal(version);
          });
        }
      }
    });
  }
});
