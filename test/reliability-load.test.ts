import { expect } from 'chai';
import { readdir } from 'node:fs/promises';
import type { ClientIdentity } from '../harness/pki/client-identity.ts';
import { forgetAcceptableCaNames } from '../harness/probe/acceptable-ca-names.ts';
import type { Observation } from '../harness/probe/observation.ts';
import { probeTarget } from '../harness/probe/probe-target.ts';
import { BoundedPool } from '../harness/runner/bounded-pool.ts';
import { MockMtlsServer } from '../harness/servers/mock-mtls-server.ts';
import type { StartedMockMtlsServer } from '../harness/servers/started-mock-mtls-server.ts';
import { testFixtures } from './support/fixtures.ts';

const probes = 1000;
const concurrency = 50;

/** Open file descriptors of this process (Linux). */
async function openDescriptors(): Promise<number> {
  return (await readdir('/proc/self/fd')).length;
}

/** Polls until `check` is true, every 50 ms for at most 10 s: sockets close a few ticks after their probe ends. */
async function settle(check: () => Promise<boolean> | boolean): Promise<void> {
  for (let waited = 0; !(await check()); waited += 50) {
    if (waited >= 10_000) return;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/** The descriptor count once it has not changed for three polls in a row (the warm-up's sockets closed). */
async function stableDescriptorCount(): Promise<number> {
  let last = await openDescriptors();
  let same = 0;
  await settle(async () => {
    const now = await openDescriptors();
    same = now === last ? same + 1 : 0;
    last = now;
    return same >= 3;
  });
  return last;
}

describe('reliability: 1,000 probes at concurrency 50 against a mock target', function () {
  this.timeout(300_000);
  let server: StartedMockMtlsServer;
  let identities: Array<ClientIdentity | undefined>;
  const unhandled: unknown[] = [];
  const onUnhandled = (reason: unknown): void => void unhandled.push(reason);

  before(async () => {
    const fixtures = await testFixtures();
    server = await new MockMtlsServer(fixtures.identity('server'))
      .withTrust(fixtures.trustBundlePem(['ca1']))
      .withRefusal('http')
      .start();
    // Accepted, refused at HTTP without a certificate, refused at HTTP with an untrusted one.
    identities = [fixtures.identity('tpp1'), undefined, fixtures.identity('rogue')];
    process.on('unhandledRejection', onUnhandled);
    forgetAcceptableCaNames();
  });
  after(async () => {
    process.off('unhandledRejection', onUnhandled);
    await server?.stop();
  });

  it('all complete, none rejected unhandled, and the open descriptors return to where they were', async () => {
    const probeOnce = (index: number): Promise<Observation> =>
      probeTarget({
        url: `${server.url}/healthcheck`,
        ...(identities[index % identities.length] && { identity: identities[index % identities.length]! }),
      });
    // Warm up: lazily opened descriptors (the CA-name cache's first read, crypto) are not leaks.
    await Promise.all(identities.map((_, index) => probeOnce(index)));
    await settle(() => server.openSocketCount === 0);
    const before = await stableDescriptorCount();

    const pool = new BoundedPool(concurrency);
    let inFlight = 0;
    let peak = 0;
    const observations = await Promise.all(
      Array.from({ length: probes }, (_, index) =>
        pool.submit(async () => {
          inFlight += 1;
          peak = Math.max(peak, inFlight);
          try {
            return await probeOnce(index);
          } finally {
            inFlight -= 1;
          }
        }),
      ),
    );
    const peakDescriptors = await openDescriptors();

    expect(observations.filter((observation) => observation !== undefined)).to.have.lengthOf(probes);
    const outcomes = observations.map((observation, index) => `${index % 3}:${observation!.outcome}`);
    expect(new Set(outcomes)).to.deep.equal(new Set(['0:accepted', '1:rejected', '2:rejected']));
    expect(peak).to.equal(concurrency);
    expect(unhandled).to.deep.equal([]);

    await settle(async () => server.openSocketCount === 0 && (await openDescriptors()) <= before);
    expect(server.openSocketCount, 'server-side sockets still open').to.equal(0);
    expect(
      await openDescriptors(),
      `open descriptors (${before} before, ${peakDescriptors} right after)`,
    ).to.equal(before);
  });
});
