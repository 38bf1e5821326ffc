import type { FixtureSet } from '../../pki/fixture-set.ts';
import type { MockServerSetup } from '../../scenarios/client/client-scenario.ts';
import { MockMtlsServer } from '../../servers/mock-mtls-server.ts';
import type { StartedMockMtlsServer } from '../../servers/started-mock-mtls-server.ts';

/**
 * The mock server of one client scenario, on a free port of 127.0.0.1: it presents the scenario's
 * certificate, requests a client certificate (refusing at the handshake, as Java and Go servers do),
 * and trusts the CAs the target declares its client certificate to chain to.
 */
export function startScenarioServer(
  setup: MockServerSetup,
  trusts: readonly string[],
  fixtures: FixtureSet,
): Promise<StartedMockMtlsServer> {
  const builder = new MockMtlsServer(fixtures.identity(setup.identity))
    .withTrust(fixtures.trustBundlePem(trusts))
    .withClientAuth('require')
    .withRefusal('handshake');
  if (setup.acceptableCas) builder.withAcceptableCas(fixtures.trustBundlePem(setup.acceptableCas));
  if (setup.tlsVersions) builder.withTlsVersions(...setup.tlsVersions);
  if (setup.admitAnyClient) builder.withMisconfiguration('accept-any-certificate');
  return builder.start();
}

/** The fixtures a scenario's server needs, for a check before anything starts. */
export function fixturesOfSetup(setup: MockServerSetup): string[] {
  return [setup.identity, ...(setup.acceptableCas ?? [])];
}
