import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { expect } from 'chai';
import { crlFilePath, type CrlVariant } from '../harness/pki/crl-files.ts';
import type { FixtureSet } from '../harness/pki/fixture-set.ts';
import { generateFixtureSet } from '../harness/pki/generate-fixture-set.ts';
import { validateFixtureSpec } from '../harness/pki/validate-fixture-spec.ts';
import { testFixtures } from './support/fixtures.ts';

const run = promisify(execFile);

/** `openssl verify` output (stdout and stderr), whatever its exit status. */
async function opensslVerify(args: string[]): Promise<string> {
  try {
    const { stdout, stderr } = await run('openssl', ['verify', ...args]);
    return stdout + stderr;
  } catch (error) {
    const failed = error as { stdout: string; stderr: string };
    return failed.stdout + failed.stderr;
  }
}

describe('fixture CRLs (crl/*.crl.pem, .der), as openssl reads them', function () {
  this.timeout(60_000);
  let set: FixtureSet;
  let work: string;
  before(async () => {
    set = await testFixtures();
    work = await mkdtemp(join(tmpdir(), 'mtlsc-crl-'));
  });
  after(() => rm(work, { recursive: true, force: true }));

  const crl = (ca: string, variant: CrlVariant = 'current', form: 'pem' | 'der' = 'pem') =>
    join(set.dir, crlFilePath(ca, variant, form));

  // constrained-ca has a P-256 key (the key matrix): its CRLs are signed with ECDSA, not RSA.
  for (const ca of [
    'ca1',
    'ca2',
    'rogue-ca',
    'intermediate-ca',
    'revoked-intermediate-ca',
    'constrained-ca',
  ]) {
    for (const form of ['pem', 'der'] as const) {
      it(`${ca}: openssl crl -verify accepts the ${form.toUpperCase()} CRL signed by ${ca}`, async () => {
        const { stderr } = await run('openssl', [
          'crl',
          '-inform',
          form.toUpperCase(),
          '-in',
          crl(ca, 'current', form),
          '-CAfile',
          set.path(ca, 'crt'),
          '-noout',
          '-verify',
        ]);
        expect(stderr).to.contain('verify OK');
      });
    }
  }

  it('the wrong-key CRL does not verify with its CA (openssl crl -verify)', async () => {
    const error = await run('openssl', [
      'crl',
      '-in',
      crl('ca1', 'wrong-key'),
      '-CAfile',
      set.path('ca1', 'crt'),
      '-noout',
      '-verify',
    ]).then(
      ({ stderr }) => stderr,
      (failed: { stderr: string }) => failed.stderr,
    );
    expect(error).to.contain('verify failure');
  });

  // [certificate, CRLs, -crl_check or -crl_check_all, what openssl verify says]
  const cases: Array<[string, CrlVariant, '-crl_check' | '-crl_check_all', string]> = [
    ['tpp1', 'current', '-crl_check', 'tpp1.crt: OK'],
    ['revoked', 'current', '-crl_check', 'certificate revoked'],
    ['tpp1', 'expired', '-crl_check', 'CRL has expired'],
    ['tpp1', 'wrong-key', '-crl_check', 'CRL signature failure'],
    ['intermediate-leaf', 'current', '-crl_check_all', 'intermediate-leaf.crt: OK'],
    // -crl_check looks at the leaf only: the revoked intermediate needs -crl_check_all (nginx sets it).
    ['revoked-intermediate-leaf', 'current', '-crl_check', 'revoked-intermediate-leaf.crt: OK'],
    [
      'revoked-intermediate-leaf',
      'current',
      '-crl_check_all',
      'error 23 at 1 depth lookup: certificate revoked',
    ],
  ];
  for (const [name, variant, flag, says] of cases) {
    it(`openssl verify ${flag} with the ${variant} CRLs: ${name} → "${says}"`, async () => {
      const crls = join(work, `${variant}.crl.pem`);
      const parts = await Promise.all(
        ['ca1', 'intermediate-ca', 'revoked-intermediate-ca'].map((ca) => readFile(crl(ca, variant), 'utf8')),
      );
      await writeFile(crls, parts.join(''));
      const issuer = set.issuerOf(name);
      const untrusted = issuer !== null && issuer !== 'ca1' ? ['-untrusted', set.path(issuer, 'crt')] : [];
      const output = await opensslVerify([
        flag,
        '-CAfile',
        set.path('ca1', 'crt'),
        ...untrusted,
        '-CRLfile',
        crls,
        set.path(name, 'crt'),
      ]);
      expect(output).to.contain(says);
    });
  }

  it('ca1 and ca2 share a subject DN; each CRL applies to its own CA only (authorityKeyIdentifier)', async () => {
    const output = await opensslVerify([
      '-crl_check',
      '-CAfile',
      join(set.dir, 'trust', 'ca1+ca2.pem'),
      '-CRLfile',
      crl('ca1'),
      set.path('tpp2', 'crt'),
    ]);
    expect(output).to.contain('unable to get certificate CRL');
  });
});

describe('fixture spec: revoked, crlUrl, ocspUrl', () => {
  const base = { name: 'a', role: 'client', subject: { CN: 'a' } };
  it('accepts them and omits what is not asked, so older specs keep their cache key', () => {
    const spec = validateFixtureSpec({
      version: 1,
      identities: [
        {
          ...base,
          revoked: true,
          crlUrl: 'http://127.0.0.1:8899/ca1.crl',
          ocspUrl: 'http://127.0.0.1:8899/',
        },
        { ...base, name: 'b', revoked: false },
      ],
    });
    expect(spec.identities[0]).to.include({ revoked: true, ocspUrl: 'http://127.0.0.1:8899/' });
    expect(spec.identities[1]).to.not.have.property('revoked');
  });
  // An EC leaf is made by the ASN.1 path (sign-certificate.ts), an RSA one by forge: both carry the URLs.
  for (const keyAlgorithm of ['rsa', 'ec'] as const) {
    it(`puts the URLs into the certificate: openssl x509 -ocsp_uri, crlDistributionPoints (${keyAlgorithm} leaf)`, async function () {
      this.timeout(30_000);
      const dir = await mkdtemp(join(tmpdir(), 'mtlsc-aia-'));
      try {
        await generateFixtureSet({
          outDir: dir,
          passphrase: 'x',
          spec: {
            version: 1,
            identities: [
              { name: 'ca', role: 'root-ca', subject: { CN: 'ca' } },
              {
                ...base,
                role: 'client',
                issuer: 'ca',
                keyAlgorithm,
                crlUrl: 'http://127.0.0.1:8899/crl/ca.crl',
                ocspUrl: 'http://127.0.0.1:8899/ocsp',
              },
            ],
          },
        });
        const { stdout } = await run('openssl', [
          'x509',
          '-in',
          join(dir, 'a.crt'),
          '-noout',
          '-ocsp_uri',
          '-text',
        ]);
        expect(stdout).to.match(/^http:\/\/127\.0\.0\.1:8899\/ocsp$/m);
        expect(stdout)
          .to.contain('X509v3 CRL Distribution Points')
          .and.to.contain('URI:http://127.0.0.1:8899/crl/ca.crl');
      } finally {
        await rm(dir, { recursive: true, force: true });
      }
    });
  }
  it('refuses a URL that is not http:// and a revoked that is not a boolean, naming the field', () => {
    const refuse = () =>
      validateFixtureSpec({ version: 1, identities: [{ ...base, revoked: 'yes', ocspUrl: 'https://x/' }] });
    expect(refuse)
      .to.throw(/identities\[0\]\.revoked: must be true or false \("yes"\)/)
      .with.property('message')
      .that.matches(/identities\[0\]\.ocspUrl: must be an http:\/\/ URL/);
  });
});
