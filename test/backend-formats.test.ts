import { X509Certificate, createHash } from 'node:crypto';
import { expect } from 'chai';
import fc from 'fast-check';
import {
  decodeForwardedCertificate,
  type DecodedHeaderValue,
} from '../harness/pki/decode-forwarded-certificate.ts';
import { encodeForwardedCertificate, pemOf } from '../harness/pki/encode-forwarded-certificate.ts';
import {
  forwardedCertificateFormats,
  type ForwardedCertificateFormat,
} from '../harness/pki/forwarded-certificate-format.ts';
import { parseXfcc } from '../harness/pki/parse-xfcc.ts';
import { parseByteSequenceItem, parseByteSequenceList } from '../harness/pki/structured-field-binary.ts';
import type { FixtureSet } from '../harness/pki/fixture-set.ts';
import { testFixtures } from './support/fixtures.ts';

/**
 * The five header formats gateways forward a client certificate in: what the mock gateway and a forging
 * client write must read back as the same certificate, values written the way real gateways write
 * them must read too, and garbage must say why it is none, never throw.
 */
describe('forwarded certificate formats', () => {
  let set: FixtureSet;
  let tpp1: X509Certificate;
  let leaf: X509Certificate;
  let intermediate: X509Certificate;

  before(async () => {
    set = await testFixtures();
    tpp1 = new X509Certificate(set.certificatePem('tpp1'));
    leaf = new X509Certificate(set.certificatePem('intermediate-leaf'));
    intermediate = new X509Certificate(set.certificatePem('intermediate-ca'));
  });

  const fingerprints = (decoded: DecodedHeaderValue): string[] =>
    decoded.ok ? decoded.certificates.map((each) => each.fingerprintSha256) : [`problem: ${decoded.problem}`];

  for (const format of forwardedCertificateFormats) {
    it(`${format}: what is written reads back as the same leaf, with its subject`, () => {
      const { cert } = encodeForwardedCertificate(format, [tpp1]);
      const decoded = decodeForwardedCertificate(format, cert);
      expect(fingerprints(decoded)).to.deep.equal([tpp1.fingerprint256]);
      expect(decoded.ok && decoded.certificates[0]?.subject).to.include('CN=tpp1.demo.axway.com');
      // One header line: nothing a header value may not hold (RFC 9110 §5.5).
      expect(cert).to.match(/^[\x20-\x7e]+$/);
    });
  }

  it('rfc9440: the intermediates go to Client-Cert-Chain, a List of Byte Sequences', () => {
    const values = encodeForwardedCertificate('rfc9440', [leaf, intermediate]);
    expect(values.cert).to.equal(`:${leaf.raw.toString('base64')}:`);
    expect(fingerprints(decodeForwardedCertificate('rfc9440', values.chain ?? '', 'chain'))).to.deep.equal([
      intermediate.fingerprint256,
    ]);
    expect(encodeForwardedCertificate('rfc9440', [tpp1]).chain).to.equal(undefined);
  });

  it('xfcc: Hash is the hex SHA-256 of the DER certificate, as Envoy writes it', () => {
    const { cert } = encodeForwardedCertificate('xfcc', [tpp1]);
    const parsed = parseXfcc(cert);
    expect(parsed.ok).to.equal(true);
    if (!parsed.ok) return;
    expect(parsed.elements[0]?.get('hash')).to.equal(createHash('sha256').update(tpp1.raw).digest('hex'));
  });

  // Written the way the gateways in docs/backend-identity.md write them (their documentation's examples).
  const realWorld: {
    title: string;
    format: ForwardedCertificateFormat;
    value: () => string;
    expected: () => string[];
  }[] = [
    {
      title: 'AWS ALB passthrough: the chain, URL-encoded PEM with +=/ kept',
      format: 'pem-urlencoded',
      value: () =>
        encodeURIComponent(pemOf(leaf) + pemOf(intermediate))
          .replace(/%2B/g, '+')
          .replace(/%3D/g, '=')
          .replace(/%2F/g, '/'),
      expected: () => [leaf.fingerprint256, intermediate.fingerprint256],
    },
    {
      title: 'Apache %{SSL_CLIENT_CERT}s with the line breaks removed',
      format: 'pem',
      value: () => pemOf(tpp1).replace(/\n/g, ''),
      expected: () => [tpp1.fingerprint256],
    },
    {
      title: 'PEM whose line breaks became tabs',
      format: 'pem',
      value: () => pemOf(tpp1).trim().replace(/\n/g, '\t'),
      expected: () => [tpp1.fingerprint256],
    },
    {
      title: 'Traefik: each member URL-escaped, the chain comma-separated',
      format: 'der-base64',
      value: () =>
        `${encodeURIComponent(leaf.raw.toString('base64'))},${encodeURIComponent(intermediate.raw.toString('base64'))}`,
      expected: () => [leaf.fingerprint256, intermediate.fingerprint256],
    },
    {
      title: 'Envoy SANITIZE_SET with By, Hash, Subject, URI and a quoted Cert',
      format: 'xfcc',
      value: () =>
        `By=spiffe://cluster.local/ns/default/sa/app;Hash=${createHash('sha256').update(tpp1.raw).digest('hex')};Subject="CN=tpp1.demo.axway.com,O=AXWAY";URI=spiffe://partner;Cert="${encodeURIComponent(pemOf(tpp1))}"`,
      expected: () => [tpp1.fingerprint256],
    },
    {
      title: 'Envoy APPEND_FORWARD: two elements, each a certificate',
      format: 'xfcc',
      value: () =>
        `Cert="${encodeURIComponent(pemOf(leaf))}",Hash=${createHash('sha256').update(tpp1.raw).digest('hex')};Subject="CN=a, O=\\"quoted\\""`,
      expected: () => [leaf.fingerprint256, tpp1.fingerprint256],
    },
    {
      title: 'RFC 9440 with parameters and surrounding spaces',
      format: 'rfc9440',
      value: () => `  :${tpp1.raw.toString('base64')}:;a=1;b   `,
      expected: () => [tpp1.fingerprint256],
    },
  ];
  for (const { title, format, value, expected } of realWorld) {
    it(`reads ${title}`, () => {
      expect(fingerprints(decodeForwardedCertificate(format, value()))).to.deep.equal(expected());
    });
  }

  const garbage: { format: ForwardedCertificateFormat; value: string; problem: RegExp }[] = [
    { format: 'pem-urlencoded', value: 'not-a-certificate %ZZ <script>', problem: /not percent-encoded/ },
    { format: 'pem-urlencoded', value: 'A'.repeat(7000), problem: /no PEM certificate/ },
    {
      format: 'pem',
      value: '-----BEGIN CERTIFICATE-----bm90IGEgY2VydA==-----END CERTIFICATE-----',
      problem: /not an X\.509/,
    },
    {
      format: 'pem',
      value: '-----BEGIN CERTIFICATE-----!!!-----END CERTIFICATE-----',
      problem: /not base64/,
    },
    { format: 'der-base64', value: 'not base64!', problem: /not base64/ },
    { format: 'der-base64', value: 'bm90IGEgY2VydA==', problem: /not an X\.509/ },
    { format: 'xfcc', value: 'Cert="unterminated', problem: /never closed/ },
    { format: 'xfcc', value: 'By=spiffe://x;Subject="CN=x"', problem: /neither Cert= nor/ },
    { format: 'xfcc', value: 'no equals sign', problem: /expected Key=Value/ },
    { format: 'rfc9440', value: 'MIIB', problem: /not a Byte Sequence/ },
    { format: 'rfc9440', value: ':YQ==:, :Yg==:', problem: /holds 2 members/ },
    { format: 'rfc9440', value: ':YQ==:,', problem: /ends with a comma/ },
  ];
  for (const { format, value, problem } of garbage) {
    it(`${format}: ${JSON.stringify(value.slice(0, 40))} decodes to no certificate, and says why`, () => {
      const decoded = decodeForwardedCertificate(format, value);
      expect(decoded.ok).to.equal(false);
      if (!decoded.ok) expect(decoded.problem).to.match(problem);
    });
  }

  it('never throws, whatever a client or a gateway wrote (fast-check, seeded)', () => {
    const values = fc.oneof(
      fc.string({ maxLength: 300 }),
      fc.string({ maxLength: 300, unit: 'binary' }),
      fc
        .tuple(
          fc.constantFrom(':', '"', 'Cert="', '-----BEGIN CERTIFICATE-----', '%'),
          fc.string({ maxLength: 200 }),
        )
        .map(([prefix, rest]) => prefix + rest),
    );
    fc.assert(
      fc.property(
        fc.constantFrom(...forwardedCertificateFormats),
        values,
        fc.constantFrom('cert', 'chain'),
        (format, value, role) => {
          const decoded = decodeForwardedCertificate(format, value, role);
          expect(decoded.ok || decoded.problem.length > 0).to.equal(true);
        },
      ),
      { seed: 17_2026, numRuns: 200 },
    );
  });

  it('parses RFC 8941 Lists of Byte Sequences the way the RFC does', () => {
    expect(parseByteSequenceList('').ok).to.equal(true);
    const list = parseByteSequenceList(':YQ==:,\t:Yg==:');
    expect(list.ok && list.items.map((item) => item.toString())).to.deep.equal(['a', 'b']);
    expect(parseByteSequenceItem(':YQ==').ok).to.equal(false);
    expect(parseByteSequenceItem(':YQ==: x').ok).to.equal(false);
  });
});
