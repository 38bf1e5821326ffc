import { expect } from 'chai';
import { execFileSync } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadIdentity } from '../harness/pki/load-identity.ts';
import { testFixtures } from './support/fixtures.ts';

// A PKCS#12 may claim any number of key-derivation iterations; node-forge computes them in JavaScript,
// so a hostile or odd file must be refused up front rather than stall a CI gate.
describe('loadIdentity: PKCS#12 iteration counts', function () {
  this.timeout(60_000);
  let dir: string;

  before(async () => {
    dir = await mkdtemp(join(tmpdir(), 'mtlsc-p12-iter-'));
  });
  after(() => rm(dir, { recursive: true, force: true }));

  async function exportP12(name: string, iterations: number): Promise<string> {
    const fixtures = await testFixtures();
    const file = join(dir, name);
    // openssl (native) makes the file quickly even with many iterations; -iter sets both PBE and MAC.
    execFileSync('openssl', [
      'pkcs12',
      '-export',
      '-in',
      fixtures.path('tpp1', 'crt'),
      '-inkey',
      fixtures.path('tpp1', 'key'),
      '-out',
      file,
      '-passout',
      'pass:iter-test',
      '-iter',
      String(iterations),
      '-maciter',
    ]);
    return file;
  }

  it('opens a keystore with an ordinary count (OpenSSL default 2,048)', async () => {
    const identity = await loadIdentity({
      p12File: await exportP12('normal.p12', 2048),
      passphrase: 'iter-test',
    });
    expect(identity.certificate.subject).to.include('tpp1.demo.axway.com');
  });

  it('refuses one that asks for 5,000,000 iterations, at once and in one line', async () => {
    const file = await exportP12('huge.p12', 5_000_000);
    const started = performance.now();
    const error = await loadIdentity({ p12File: file, passphrase: 'iter-test' }).then(
      () => null,
      (caught: unknown) => caught as Error,
    );
    expect(performance.now() - started).to.be.below(5000);
    expect(
      error?.message.startsWith(`${file}: the keystore asks for 5,000,000 key-derivation iterations`),
    ).to.equal(true);
    expect(error?.message).to.match(
      /more than the 1,000,000 the harness will compute \(it could take hours\)\. Re-export it with standard settings: openssl pkcs12 .+\.$/,
    );
    expect(error?.message).not.to.include('\n');
  });
});
