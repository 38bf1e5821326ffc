import { expect } from 'chai';
import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { machineBusyMs } from '../bench/machine-cpu.ts';
import { opensslFixtureScript } from '../bench/openssl-fixture-script.ts';
import { defaultFixtureSpec } from '../harness/pki/default-fixture-spec.ts';
import { validateFixtureSpec } from '../harness/pki/validate-fixture-spec.ts';

const run = promisify(execFile);

// The bench's reference for fixture generation: the seed's openssl commands for every identity of the
// default set. A spec field the script did not know (EC, Ed25519, RSA-PSS keys) once broke `npm run
// bench` without any test noticing.
describe('the bench: the openssl script of the default fixture set', function () {
  this.timeout(120_000);

  it('runs to the end with real openssl, and openssl reads each certificate with its key type', async () => {
    const spec = validateFixtureSpec(defaultFixtureSpec);
    const { script, files } = opensslFixtureScript(spec);
    const work = await mkdtemp(join(tmpdir(), 'mtlsc-openssl-script-'));
    try {
      await writeFile(join(work, 'make.sh'), script);
      for (const [name, text] of Object.entries(files)) await writeFile(join(work, name), text);
      await run('sh', ['make.sh'], { cwd: work, env: { ...process.env, FIXTURE_PASS: 'bench-only' } });
      const keyTypes = {
        rsa: 'rsaEncryption',
        'rsa-pss': 'rsassaPss',
        ec: 'id-ecPublicKey',
        ed25519: 'ED25519',
      };
      for (const identity of spec.identities) {
        const { stdout } = await run('openssl', [
          'x509',
          '-in',
          join(work, `${identity.name}.crt`),
          '-noout',
          '-text',
        ]);
        expect(stdout, identity.name).to.include(`Public Key Algorithm: ${keyTypes[identity.keyAlgorithm]}`);
      }
    } finally {
      await rm(work, { recursive: true, force: true });
    }
  });

  it("counts the machine's busy time, which only grows", async () => {
    const before = await machineBusyMs();
    let spin = 0;
    const until = performance.now() + 50;
    while (performance.now() < until) spin += 1;
    const after = await machineBusyMs();
    expect(spin).to.be.greaterThan(0);
    expect(before).to.be.a('number').and.be.greaterThan(0);
    expect(after).to.be.at.least(before);
  });
});
