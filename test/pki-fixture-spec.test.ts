import { execFile } from 'node:child_process';
import { mkdir, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { expect } from 'chai';
import { isHarnessError } from '../harness/common/harness-error.ts';
import { defaultFixtureSpec } from '../harness/pki/default-fixture-spec.ts';
import { generateFixtureSet } from '../harness/pki/generate-fixture-set.ts';
import { hashFixtureSpec } from '../harness/pki/hash-fixture-spec.ts';
import { openFixtureSet } from '../harness/pki/open-fixture-set.ts';
import { readFixtureSpecFile } from '../harness/pki/read-fixture-spec-file.ts';
import { validateFixtureSpec } from '../harness/pki/validate-fixture-spec.ts';

const run = promisify(execFile);
const dir = fileURLToPath(new URL('../.tmp/pki-fixture-spec-test', import.meta.url));

function messageOf(action: () => unknown): string {
  try {
    action();
  } catch (error) {
    if (isHarnessError(error)) return error.message;
    throw error;
  }
  return 'no error';
}

const root = { name: 'root', role: 'root-ca', subject: { CN: 'Root' } };

describe('fixture spec validation', () => {
  it('accepts the built-in spec and applies the defaults', () => {
    const resolved = validateFixtureSpec(defaultFixtureSpec);
    const ca1 = resolved.identities.find((identity) => identity.name === 'ca1');
    expect(ca1).to.deep.include({
      validity: { days: 3650, startsInDays: 0 },
      keySize: 2048,
      extendedKeyUsage: [],
    });
    const intermediate = resolved.identities.find((identity) => identity.name === 'intermediate-ca');
    expect(intermediate?.pathLength).to.equal(0);
    const tpp1 = resolved.identities.find((identity) => identity.name === 'tpp1');
    expect(tpp1).to.deep.include({
      validity: { days: 825, startsInDays: 0 },
      extendedKeyUsage: ['clientAuth'],
    });
    expect(resolved.trustBundles).to.deep.equal([['ca1', 'ca2']]);
  });

  it('hashes equivalent specs (short or long attribute names, defaults spelt out) the same', () => {
    const short = { version: 1, identities: [root] };
    const long = {
      identities: [{ ...root, subject: { commonName: 'Root' }, keySize: 2048, validity: { days: 3650 } }],
    };
    expect(hashFixtureSpec(validateFixtureSpec(long))).to.equal(hashFixtureSpec(validateFixtureSpec(short)));
    const other = { identities: [{ ...root, subject: { CN: 'Other' } }] };
    expect(hashFixtureSpec(validateFixtureSpec(other))).to.not.equal(
      hashFixtureSpec(validateFixtureSpec(short)),
    );
  });

  const cases: { title: string; spec: unknown; message: string }[] = [
    {
      title: 'not a mapping',
      spec: ['ca1'],
      message:
        'spec.yaml: not a fixture spec (["ca1"]). Write a mapping with "version: 1" and "identities:".',
    },
    {
      title: 'no identities',
      spec: { version: 1 },
      message: 'spec.yaml: identities: must be a non-empty list (missing). Fix the spec and run again.',
    },
    {
      title: 'an unknown version',
      spec: { version: 2, identities: [root] },
      message: 'spec.yaml: version: unsupported (2); allowed: 1. Fix the spec and run again.',
    },
    {
      title: 'an unknown role',
      spec: { identities: [{ ...root, role: 'ca' }] },
      message:
        'spec.yaml: identities[0].role: unknown ("ca"); allowed: root-ca, intermediate-ca, server, client. Fix the spec and run again.',
    },
    {
      title: 'a misspelt field',
      spec: { identities: [{ ...root, sans: ['x'] }] },
      message:
        'spec.yaml: identities[0].sans: unknown field; allowed: name, role, description, issuer, subject, validity, extendedKeyUsage, subjectAltNames, keySize, pathLength, revoked, crlUrl, ocspUrl, keyAlgorithm, curve, weakKey, signatureHash, basicConstraints, keyUsage, nameConstraints. Fix the spec and run again.',
    },
    {
      title: 'a name unfit for a file',
      spec: { identities: [{ ...root, name: 'ca1+ca2' }] },
      message:
        'spec.yaml: identities[0].name: must be lower-case letters, digits and "-" ("ca1+ca2"). Fix the spec and run again.',
    },
    {
      title: 'an issuer that does not exist',
      spec: { identities: [root, { name: 'leaf', role: 'client', issuer: 'ca9', subject: { CN: 'x' } }] },
      message:
        'spec.yaml: identities[1].issuer: "ca9" is not an identity of the spec (known: root, leaf). Fix the spec and run again.',
    },
    {
      title: 'an issuer that is not a CA',
      spec: {
        identities: [
          root,
          { name: 'leaf', role: 'client', issuer: 'root', subject: { CN: 'x' } },
          { name: 'leaf2', role: 'client', issuer: 'leaf', subject: { CN: 'y' } },
        ],
      },
      message: 'spec.yaml: identities[2].issuer: "leaf" is a client, not a CA. Fix the spec and run again.',
    },
    {
      title: 'a cycle of intermediates',
      spec: {
        identities: [
          { name: 'a', role: 'intermediate-ca', issuer: 'b', subject: { CN: 'a' } },
          { name: 'b', role: 'intermediate-ca', issuer: 'a', subject: { CN: 'b' } },
        ],
      },
      message:
        'spec.yaml: 2 problems: identities[0].issuer: "b" leads back to "a" (a cycle); identities[1].issuer: "a" leads back to "b" (a cycle). Fix the spec and run again.',
    },
    {
      title: 'an unknown DN attribute and a bad country',
      spec: { identities: [{ ...root, subject: { CN: 'x', C: 'Brazil', town: 'y' } }] },
      message:
        'spec.yaml: 2 problems: identities[0].subject.C: must be a two-letter ISO 3166 code ("Brazil"); identities[0].subject.town: unknown DN attribute; allowed: countryName, C, stateOrProvinceName, ST, localityName, L, organizationName, O, organizationalUnitName, OU, commonName, CN, serialNumber, businessCategory, jurisdictionCountryName, UID, emailAddress. Fix the spec and run again.',
    },
    {
      title: 'a bad validity, EKU and SAN',
      spec: {
        identities: [
          root,
          {
            name: 'leaf',
            role: 'server',
            issuer: 'root',
            subject: { CN: 'x' },
            validity: { notBefore: '2030-01-01T00:00:00Z', notAfter: '2029-01-01T00:00:00Z' },
            extendedKeyUsage: ['codeSigning'],
            subjectAltNames: { ip: ['300.1.1.1'], dns: ['ok.example'] },
          },
        ],
      },
      message:
        'spec.yaml: 3 problems: identities[1].validity.notAfter: must be later than notBefore ("2029-01-01T00:00:00Z"); identities[1].extendedKeyUsage: must be a list of serverAuth, clientAuth (["codeSigning"]); identities[1].subjectAltNames.ip: must be a list of IPv4 or IPv6 addresses (["300.1.1.1"]). Fix the spec and run again.',
    },
    {
      title: 'a root with an issuer, a leaf with a path length, an odd key size',
      spec: {
        identities: [
          { ...root, issuer: 'root' },
          { name: 'leaf', role: 'client', subject: { CN: 'x' }, pathLength: 1, keySize: 1024 },
        ],
      },
      message:
        'spec.yaml: 3 problems: identities[0].issuer: a root-ca is self-signed and takes no issuer ("root"); identities[1].pathLength: must be an integer >= 0, and only on a CA (1); identities[1].keySize: unsupported (1024); allowed: 2048, 3072, 4096, for rsa and rsa-pss keys (1024 needs weakKey: true). Fix the spec and run again.',
    },
    {
      title: 'a trust bundle naming an unknown CA',
      spec: { identities: [root], trustBundles: [['root', 'ca2']] },
      message:
        'spec.yaml: trustBundles[0]: must be a non-empty list of identity names (["root","ca2"]; known: root). Fix the spec and run again.',
    },
  ];

  for (const { title, spec, message } of cases) {
    it(`refuses ${title}`, () => {
      expect(messageOf(() => validateFixtureSpec(spec, 'spec.yaml'))).to.equal(message);
    });
  }
});

describe('--spec files', () => {
  before(async () => {
    await rm(dir, { recursive: true, force: true });
    await mkdir(dir, { recursive: true });
  });

  it('generates a set from a YAML spec: explicit dates, an IPv6 SAN, both EKUs, a 3072-bit key', async () => {
    const file = join(dir, 'spec.yaml');
    await writeFile(
      file,
      [
        'version: 1',
        'identities:',
        '  - { name: my-root, role: root-ca, subject: { O: Example, CN: Example Root } }',
        '  - name: gateway',
        '    role: server',
        '    issuer: my-root',
        '    subject: { CN: gateway.example }',
        '    validity: { notBefore: "2030-01-01T00:00:00Z", notAfter: "2031-01-01T00:00:00Z" }',
        '    extendedKeyUsage: [serverAuth, clientAuth]',
        '    subjectAltNames: { dns: [gateway.example], ip: ["::1"] }',
        '    keySize: 3072',
        'trustBundles: [[my-root]]',
        '',
      ].join('\n'),
    );
    const report = await generateFixtureSet({
      outDir: join(dir, 'out'),
      passphrase: 'x',
      spec: await readFixtureSpecFile(file),
      force: true,
    });
    const set = await openFixtureSet(report.dir);
    expect(set.names()).to.deep.equal(['my-root', 'gateway']);
    const gateway = set.manifest.identities[1];
    expect(gateway).to.deep.include({
      notBefore: '2030-01-01T00:00:00.000Z',
      notAfter: '2031-01-01T00:00:00.000Z',
      key: { type: 'rsa', bits: 3072 },
      subjectAltNames: ['gateway.example', '0:0:0:0:0:0:0:1'],
    });
    const { stdout } = await run('openssl', ['x509', '-in', set.path('gateway', 'crt'), '-noout', '-text']);
    expect(stdout).to.include('Public-Key: (3072 bit)');
    expect(stdout).to.include('TLS Web Server Authentication, TLS Web Client Authentication');
    expect(stdout).to.include('IP Address:0:0:0:0:0:0:0:1');
  });

  it('reads JSON too', async () => {
    const file = join(dir, 'spec.json');
    await writeFile(file, JSON.stringify({ version: 1, identities: [root] }));
    expect((await readFixtureSpecFile(file)).identities).to.have.length(1);
  });

  it('names the file, line and column of a YAML syntax error', async () => {
    const file = join(dir, 'broken.yaml');
    await writeFile(file, 'version: 1\nidentities:\n  - name: ca\n    subject: { CN: x\n');
    const error = await readFixtureSpecFile(file).catch((caught: unknown) => caught);
    expect((error as Error).message).to.match(
      new RegExp(`^${file}: not valid YAML or JSON \\(.* at line \\d+, column \\d+\\)\\. Fix the syntax\\.$`),
    );
  });

  it('names the file in validation errors', async () => {
    const file = join(dir, 'bad.yaml');
    await writeFile(file, 'identities:\n  - { name: root, role: boss, subject: { CN: x } }\n');
    const error = await readFixtureSpecFile(file).catch((caught: unknown) => caught);
    expect((error as Error).message).to.equal(
      `${file}: identities[0].role: unknown ("boss"); allowed: root-ca, intermediate-ca, server, client. Fix the spec and run again.`,
    );
  });
});
