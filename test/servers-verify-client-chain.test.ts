import { expect } from 'chai';
import { execFile } from 'node:child_process';
import { X509Certificate } from 'node:crypto';
import type { FixtureSet } from '../harness/pki/open-fixture-set.ts';
import { onlyDateProblems, verifyClientChain } from '../harness/servers/verify-client-chain.ts';
import { testFixtures } from './support/fixtures.ts';

// X509_V_ERR_* numbers as `openssl verify` prints them (include/openssl/x509_vfy.h).
const openSslErrorNames: Record<number, string> = {
  2: 'UNABLE_TO_GET_ISSUER_CERT',
  7: 'CERT_SIGNATURE_FAILURE',
  9: 'CERT_NOT_YET_VALID',
  10: 'CERT_HAS_EXPIRED',
  18: 'DEPTH_ZERO_SELF_SIGNED_CERT',
  19: 'SELF_SIGNED_CERT_IN_CHAIN',
  20: 'UNABLE_TO_GET_ISSUER_CERT_LOCALLY',
  21: 'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
  24: 'INVALID_CA',
  26: 'INVALID_PURPOSE',
};

/** The first error `openssl verify -purpose sslclient` reports, or null for OK. */
function opensslVerify(caFile: string, leafFile: string, untrustedFile?: string): Promise<string | null> {
  const args = ['verify', '-purpose', 'sslclient', '-CAfile', caFile];
  if (untrustedFile !== undefined) args.push('-untrusted', untrustedFile);
  args.push(leafFile);
  return new Promise((resolve, reject) => {
    execFile('openssl', args, (_error, stdout, stderr) => {
      const output = stdout + stderr;
      if (/: OK\s*$/.test(stdout)) return resolve(null);
      const number = /error (\d+) at \d+ depth lookup/.exec(output)?.[1];
      if (number === undefined) return reject(new Error(`unexpected openssl verify output: ${output}`));
      resolve(openSslErrorNames[Number(number)] ?? `X509_V_ERR ${number}`);
    });
  });
}

const identities = [
  'tpp1',
  'tpp2',
  'rogue',
  'expired',
  'not-yet-valid',
  'self-signed',
  'wrong-eku',
  'intermediate-leaf',
];
const trusts = [['ca1'], ['ca1', 'ca2'], ['ca2'], ['rogue-ca'], ['intermediate-ca']];

describe('verifyClientChain agrees with openssl verify -purpose sslclient', () => {
  let fixtures: FixtureSet;

  before(async () => {
    fixtures = await testFixtures();
  });

  const certificate = (name: string): X509Certificate => new X509Certificate(fixtures.certificatePem(name));

  for (const trust of trusts) {
    for (const name of identities) {
      for (const withChain of name === 'intermediate-leaf' ? [true, false] : [false]) {
        it(`${name}${withChain ? ' with its chain' : ''} against ${trust.join('+')}`, async () => {
          const caFile = fixtures.path(trust[0] as string, 'crt');
          const bundleFile = trust.length === 1 ? caFile : `${fixtures.dir}/trust/${trust.join('+')}.pem`;
          const untrusted = withChain ? fixtures.path('intermediate-ca', 'crt') : undefined;
          const expected = await opensslVerify(bundleFile, fixtures.path(name, 'crt'), untrusted);

          const presented = withChain
            ? [certificate(name), certificate('intermediate-ca')]
            : [certificate(name)];
          const result = verifyClientChain(presented, trust.map(certificate));

          expect(
            result.problems[0]?.code ?? null,
            result.problems.map((problem) => problem.message).join('; '),
          ).to.equal(expected);
          expect(result.trusted).to.equal(expected === null);
        });
      }
    }
  }

  it('checks dates at the given moment: not-yet-valid verifies once its validity has begun', () => {
    const notYetValid = certificate('not-yet-valid');
    const later = new Date(new Date(notYetValid.validFrom).getTime() + 24 * 3600 * 1000);
    expect(verifyClientChain([notYetValid], [certificate('ca1')], { at: later }).trusted).to.equal(true);
    expect(
      verifyClientChain([notYetValid], [certificate('ca1')]).problems.map((problem) => problem.code),
    ).to.deep.equal(['CERT_NOT_YET_VALID']);
  });

  it('tells date-only failures (what ignore-validity-dates lets through) from the rest', () => {
    const ca1 = [certificate('ca1')];
    expect(onlyDateProblems(verifyClientChain([certificate('expired')], ca1))).to.equal(true);
    expect(onlyDateProblems(verifyClientChain([certificate('not-yet-valid')], ca1))).to.equal(true);
    expect(onlyDateProblems(verifyClientChain([certificate('rogue')], ca1))).to.equal(false);
    expect(onlyDateProblems(verifyClientChain([certificate('wrong-eku')], ca1))).to.equal(false);
  });

  it('names every problem with its depth, as openssl prints them', () => {
    const result = verifyClientChain([certificate('expired')], [certificate('rogue-ca')]);
    expect(result.problems.map((problem) => problem.message)).to.deep.equal([
      'UNABLE_TO_GET_ISSUER_CERT_LOCALLY (unable to get local issuer certificate) at depth 0',
      'CERT_HAS_EXPIRED (certificate has expired) at depth 0',
    ]);
  });
});
