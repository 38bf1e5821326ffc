// Starts a container target in a process of its own and prints the one-line error, if any, to stdout.
// Tests run it with a DOCKER_HOST or testcontainers settings of their choosing: testcontainers keeps
// the first engine it finds for the life of a process, so only a fresh process sees a changed DOCKER_HOST.
import { ContainerTargetProvider } from '../../harness/targets/container-target.ts';
import { testFixtures } from './fixtures.ts';

const provider = new ContainerTargetProvider({
  declaration: { name: 'edge', trusts: ['ca1'], rejectAt: 'any', tlsVersions: ['TLSv1.2', 'TLSv1.3'] },
  fixtures: await testFixtures(),
});
try {
  const target = await provider.start();
  await target.stop();
  process.stdout.write('started\n');
} catch (error) {
  process.stdout.write(`${(error as Error).message}\n`);
}
