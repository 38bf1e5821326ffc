// Starts an nginx target and exits without stopping it, as a run that calls process.exit() would:
// prints the target's directory first, so the test can look for what was left behind.
import { dirname } from 'node:path';
import { NginxProcessTargetProvider } from '../../harness/targets/nginx-process-target.ts';
import { testFixtures } from './fixtures.ts';

const target = await new NginxProcessTargetProvider({
  declaration: {
    name: process.argv[2] ?? 'abandoned',
    trusts: ['ca1'],
    rejectAt: 'any',
    tlsVersions: ['TLSv1.2', 'TLSv1.3'],
  },
  fixtures: await testFixtures(),
}).start();
process.stdout.write(`${dirname(target.generatedConfigPath!)}\n`);
process.exit(0);
