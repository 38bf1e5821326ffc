import { expect } from 'chai';
import { randomUUID } from 'node:crypto';
import { createServer } from 'node:tls';
import type { AddressInfo } from 'node:net';
import { isHarnessError } from '../harness/common/harness-error.ts';
import { CONTAINER_TARGET_LABEL, ContainerTargetProvider } from '../harness/targets/container-target.ts';
import { findFreePort } from '../harness/targets/free-port.ts';
import { requireDockerEngine } from './support/docker-available.ts';
import { testFixtures } from './support/fixtures.ts';
import { containersLabelled } from './support/target-leftovers.ts';

// Host networking: another server on the container's port answers TLS as well as the gateway would.
// What answered must be the container's, or every verdict would be about the other server.
describe('targets: a container whose port another server holds', function () {
  this.timeout(120_000);

  it('is refused in one line naming the port, not taken for ready; no container is left', async function () {
    await requireDockerEngine(this);
    const fixtures = await testFixtures();
    const squatter = createServer({
      key: fixtures.identity('server').privateKeyPem,
      cert: fixtures.certificatePem('server'),
    });
    await new Promise<void>((resolve) => squatter.listen(0, '127.0.0.1', resolve));
    const { port } = squatter.address() as AddressInfo;
    const name = `squatted-${randomUUID().slice(0, 8)}`;
    try {
      const error = await new ContainerTargetProvider({
        declaration: { name, trusts: ['ca1'], rejectAt: 'any', tlsVersions: ['TLSv1.2', 'TLSv1.3'] },
        fixtures,
        options: { port },
      })
        .start()
        .then(
          () => undefined,
          (failure: unknown) => failure,
        );
      expect(isHarnessError(error), String(error)).to.equal(true);
      const message = (error as Error).message;
      expect(message.split('\n')).to.have.length(1);
      expect(message).to.include(
        `Cannot start container target "${name}": its gateway could not bind its port (127.0.0.1:${port} was taken by another server)`,
      );
      expect(await containersLabelled(CONTAINER_TARGET_LABEL, name)).to.deep.equal([]);
    } finally {
      await new Promise<void>((resolve) => squatter.close(() => resolve()));
    }
  });

  it('findFreePort draws below the kernel ephemeral range, where no listen(0) or connection lands', async () => {
    const ports = await Promise.all(Array.from({ length: 20 }, () => findFreePort()));
    for (const port of ports) expect(port).to.be.within(10_000, 32_767);
  });
});
