import { expect } from 'chai';
import { isHarnessError } from '../harness/common/harness-error.ts';
import { validateFixtureSpec } from '../harness/pki/validate-fixture-spec.ts';

const root = { name: 'root', role: 'root-ca', subject: { CN: 'Root' } };
const leaf = (fields: Record<string, unknown>) => ({
  name: 'leaf',
  role: 'client',
  issuer: 'root',
  subject: { CN: 'leaf.test' },
  ...fields,
});

function message(spec: unknown): string {
  try {
    validateFixtureSpec(spec, 'spec.yaml');
  } catch (error) {
    if (isHarnessError(error)) return error.message;
    throw error;
  }
  throw new Error('the spec was accepted');
}

describe('fixture spec validation: key and certificate-policy fields', () => {
  it('applies the key defaults: rsa 2048, sha256, no overrides', () => {
    const [, resolved] = validateFixtureSpec({ identities: [root, leaf({})] }).identities;
    expect(resolved).to.deep.include({
      keyAlgorithm: 'rsa',
      curve: null,
      keySize: 2048,
      signatureHash: 'sha256',
      leafCa: null,
      keyUsage: null,
      nameConstraints: null,
    });
    expect(resolved?.subjectAltNames).to.deep.equal({ dns: [], ip: [], uri: [], email: [] });
  });

  it('resolves an EC key to P-256 and no key size, and keeps a deliberate 1024-bit key', () => {
    const [, ec, weak] = validateFixtureSpec({
      identities: [
        root,
        leaf({ keyAlgorithm: 'ec' }),
        { ...leaf({ keySize: 1024, weakKey: true }), name: 'weak' },
      ],
    }).identities;
    expect(ec).to.deep.include({ keyAlgorithm: 'ec', curve: 'P-256', keySize: null });
    expect(weak).to.deep.include({ keyAlgorithm: 'rsa', keySize: 1024 });
  });

  const cases: { title: string; fields: Record<string, unknown>; onRoot?: boolean; text: string }[] = [
    {
      title: 'an unknown key algorithm',
      fields: { keyAlgorithm: 'dsa' },
      text: 'identities[1].keyAlgorithm: unknown ("dsa"); allowed: rsa, ec, ed25519, rsa-pss',
    },
    {
      title: 'a curve on an RSA key',
      fields: { curve: 'P-256' },
      text: 'identities[1].curve: must be one of P-256, P-384, P-521, with keyAlgorithm: ec ("P-256")',
    },
    {
      title: 'an unknown curve',
      fields: { keyAlgorithm: 'ec', curve: 'secp256k1' },
      text: 'identities[1].curve: must be one of P-256, P-384, P-521, with keyAlgorithm: ec ("secp256k1")',
    },
    {
      title: 'a key size on an EC key',
      fields: { keyAlgorithm: 'ec', keySize: 2048 },
      text: 'identities[1].keySize: unsupported (2048); allowed: 2048, 3072, 4096, for rsa and rsa-pss keys',
    },
    {
      title: 'a weak key that is not said to be deliberate',
      fields: { keySize: 1024 },
      text: 'identities[1].keySize: unsupported (1024); allowed: 2048, 3072, 4096, for rsa and rsa-pss keys (1024 needs weakKey: true)',
    },
    {
      title: 'an unknown signature hash',
      fields: { signatureHash: 'md5' },
      text: 'identities[1].signatureHash: unknown ("md5"); allowed: sha256, sha384, sha1',
    },
    {
      title: 'basicConstraints on a CA',
      fields: { basicConstraints: { ca: false } },
      onRoot: true,
      text: 'identities[0].basicConstraints: must be { ca: true | false }, and only on a server or client ({"ca":false})',
    },
    {
      title: 'nameConstraints on a leaf',
      fields: { nameConstraints: { permitted: { dns: ['.example.com'] } } },
      text: 'identities[1].nameConstraints: must be { permitted, excluded }, and only on a CA',
    },
    {
      title: 'empty nameConstraints',
      fields: { nameConstraints: { permitted: {} } },
      onRoot: true,
      text: 'identities[0].nameConstraints: must name at least one permitted or excluded subtree',
    },
    {
      title: 'an unknown keyUsage bit',
      fields: { keyUsage: ['signing'] },
      text: 'identities[1].keyUsage: must be a non-empty list of digitalSignature, nonRepudiation, keyEncipherment, dataEncipherment, keyAgreement, keyCertSign, cRLSign (["signing"])',
    },
    {
      title: 'a URI SAN without a scheme',
      fields: { subjectAltNames: { uri: ['example.org/tpp1'] } },
      text: 'identities[1].subjectAltNames.uri: must be a list of absolute URIs such as spiffe://example.org/tpp1 (["example.org/tpp1"])',
    },
    {
      title: 'an email SAN without @',
      fields: { subjectAltNames: { email: ['ops.example.org'] } },
      text: 'identities[1].subjectAltNames.email: must be a list of email addresses (["ops.example.org"])',
    },
  ];
  for (const { title, fields, onRoot, text } of cases) {
    it(`refuses ${title}, naming the field and the value`, () => {
      const identities = onRoot ? [{ ...root, ...fields }, leaf({})] : [root, leaf(fields)];
      const seen = message({ identities });
      expect(seen).to.match(/^spec\.yaml: /);
      expect(seen).to.include(text);
      expect(seen).to.match(/Fix the spec and run again\.$/);
    });
  }
});
