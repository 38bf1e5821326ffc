import { expect } from 'chai';
import { cp, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { generateFixtureSet } from '../harness/pki/generate-fixture-set.ts';
import { ocspUrlOf } from '../harness/pki/ocsp-url-of.ts';
import { openFixtureSet } from '../harness/pki/open-fixture-set.ts';
import { testFixtures, testPassphrase } from './support/fixtures.ts';
import { runCliProcess } from './support/run-cli-process.ts';

// Revocation bad input through the real CLI: exit 2 and one line that names the problem and the fix.

const env = { FIXTURE_PASS: testPassphrase };
const flags = ['--fixtures-passphrase-env', 'FIXTURE_PASS', '--report-dir', 'reports'];

function listen(server: Server): Promise<number> {
  return new Promise((resolve) =>
    server.listen(0, '127.0.0.1', () => resolve((server.address() as { port: number }).port)),
  );
}

describe('revocation: bad input is one line, exit 2', function () {
  this.timeout(120_000);
  let work: string;
  beforeEach(async () => {
    work = await mkdtemp(join(tmpdir(), 'mtlsc-revocation-bad-'));
  });
  afterEach(() => rm(work, { recursive: true, force: true }));

  const run = async (config: string) => {
    await writeFile(join(work, 'config.yaml'), config);
    return runCliProcess(['run', '--config', 'config.yaml', ...flags], { cwd: work, env });
  };
  const errorLines = (stderr: string) =>
    stderr.split('\n').filter((line) => line.startsWith('mtls-conformance: '));

  it('ocsp declared on a url target whose fixtures carry no authorityInfoAccess OCSP URL', async () => {
    const set = await testFixtures();
    const result = await run(
      `fixtures: ${JSON.stringify(set.dir)}\ntargets:\n  - name: gw\n    url: https://127.0.0.1:1/\n    trusts: [ca1]\n    revocation: { ocsp: require }\n`,
    );
    expect(result.code).to.equal(2);
    expect(errorLines(result.stderr)).to.deep.equal([
      `mtls-conformance: Cannot load config.yaml. targets[0].revocation.ocsp (line 6): "require" needs the client certificates to name an OCSP responder (authorityInfoAccess), and ocsp-client.crt in ${set.dir} names none. Generate the fixtures from a spec that gives its clients ocspUrl: http://127.0.0.1:PORT/ (docs/revocation.md), or declare ocsp: off.`,
    ]);
  });

  it('a CRL file of the set that does not parse, for an nginx target with crl: true', async () => {
    const set = await testFixtures();
    const copy = join(work, 'fixtures');
    await cp(set.dir, copy, { recursive: true });
    await writeFile(join(copy, 'crl', 'ca1.crl.pem'), 'not a CRL\n');
    const result = await run(
      `fixtures: ./fixtures\ntargets:\n  - name: gw\n    provider: nginx\n    trusts: [ca1]\n    revocation: { crl: true }\n`,
    );
    expect(result.code).to.equal(2);
    expect(errorLines(result.stderr)).to.have.length(1);
    expect(errorLines(result.stderr)[0]).to.match(
      /^mtls-conformance: \/.+\/fixtures\/crl\/ca1\.crl\.pem: not a CRL \(.+\)\. Regenerate the set's CRLs: mtls-conformance fixtures --out \/.+\/fixtures --force\.$/,
    );
  });

  it("the port of the fixtures' OCSP URL is in use when a url target declares ocsp", async () => {
    const blocker = createServer();
    const port = await listen(blocker);
    try {
      const dir = join(work, 'fixtures');
      await generateFixtureSet({
        outDir: dir,
        passphrase: testPassphrase,
        spec: {
          version: 1,
          identities: [
            { name: 'ca1', role: 'root-ca', subject: { CN: 'ca1' } },
            { name: 'tpp1', role: 'client', issuer: 'ca1', subject: { CN: 'tpp1' } },
            {
              name: 'ocsp-client',
              role: 'client',
              issuer: 'ca1',
              subject: { CN: 'ocsp-client' },
              ocspUrl: `http://127.0.0.1:${port}/`,
            },
          ],
        },
      });
      const set = await openFixtureSet(dir);
      expect(ocspUrlOf(set.certificatePem('ocsp-client'))).to.equal(`http://127.0.0.1:${port}/`);
      const result = await run(
        `fixtures: ./fixtures\ntargets:\n  - name: gw\n    url: https://127.0.0.1:1/\n    trusts: [ca1]\n    revocation: { ocsp: require }\n    scenarios: { only: [revoked-client-cert] }\n`,
      );
      expect(result.code).to.equal(2);
      expect(errorLines(result.stderr)).to.deep.equal([
        `mtls-conformance: Cannot start the OCSP responder on 127.0.0.1:${port}: the port is in use (EADDRINUSE). Stop what listens there, or give the responder another port (the fixtures' ocspUrl names it).`,
      ]);
    } finally {
      blocker.close();
    }
  });
});
