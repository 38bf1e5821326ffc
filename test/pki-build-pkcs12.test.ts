import { execFileSync, spawnSync } from 'node:child_process';
import { X509Certificate } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect } from 'chai';
import forge from 'node-forge';
import { buildPkcs12 } from '../harness/pki/build-pkcs12.ts';
import { derivePkcs12Key, pkcs12KeyPurpose } from '../harness/pki/pkcs12-key-derivation.ts';
import { testFixtures } from './support/fixtures.ts';

describe('derivePkcs12Key (RFC 7292 appendix B)', () => {
  // Published vectors (Bouncy Castle's PKCS12 tests): a single block, and two blocks (24 > 20 bytes of
  // SHA-1), which exercises the step that adds each digest back into the input.
  const vectors = [
    {
      passphrase: 'smeg',
      salt: '0A58CF64530D823F',
      purpose: 1,
      iterations: 1,
      length: 24,
      key: '8AAAE6297B6CB04642AB5B077851284EB7128F1A2A7FBCA3',
    },
    {
      passphrase: 'smeg',
      salt: '0A58CF64530D823F',
      purpose: 2,
      iterations: 1,
      length: 8,
      key: '79993DFE048D3B76',
    },
    {
      passphrase: 'queeg',
      salt: '05DEC959ACFF72F7',
      purpose: 1,
      iterations: 1000,
      length: 24,
      key: 'ED2034E36328830FF09DF1E1A07DD357185DAC0D4F9EB3D4',
    },
  ] as const;
  for (const vector of vectors) {
    it(`derives ${vector.key.slice(0, 12)}… from "${vector.passphrase}", id ${vector.purpose}, ${vector.iterations} round(s)`, () => {
      const key = derivePkcs12Key({ ...vector, salt: Buffer.from(vector.salt, 'hex'), hash: 'sha1' });
      expect(key.toString('hex').toUpperCase()).to.equal(vector.key);
    });
  }

  it('agrees with node-forge for SHA-256 MAC keys, non-ASCII and empty passphrases', () => {
    for (const passphrase of ['changeit', 'pässwörd-€', '']) {
      const salt = Buffer.from('9f1c3a7e5b2d4c6e8a0b1c2d3e4f5061', 'hex');
      const ours = derivePkcs12Key({
        passphrase,
        salt,
        iterations: 2048,
        purpose: pkcs12KeyPurpose.macKey,
        length: 32,
        hash: 'sha256',
      });
      const theirs = forge.pkcs12.generateKey(
        passphrase,
        forge.util.createBuffer(salt.toString('binary')),
        3,
        2048,
        32,
        forge.md.sha256.create(),
      );
      expect(ours.toString('hex'), passphrase).to.equal(forge.util.bytesToHex(theirs.getBytes()));
    }
  });
});

const shroudedKeyBagOid = '1.2.840.113549.1.12.10.1.2';
const certBagOid = '1.2.840.113549.1.12.10.1.3';
const fingerprint = (pem: string) => new X509Certificate(pem).fingerprint256;

describe('buildPkcs12, judged by openssl and node-forge', () => {
  let dir: string;
  before(async () => {
    dir = await mkdtemp(join(tmpdir(), 'mtlsc-build-p12-'));
  });
  after(() => rm(dir, { recursive: true, force: true }));

  async function build(
    algorithm: 'aes256' | '3des',
  ): Promise<{ file: string; der: Buffer; certificatePems: string[] }> {
    const fixtures = await testFixtures();
    const certificatePems = [
      fixtures.certificatePem('intermediate-leaf'),
      fixtures.certificatePem('intermediate-ca'),
    ];
    const der = buildPkcs12({
      privateKeyPem: readFileSync(fixtures.path('intermediate-leaf', 'key'), 'utf8'),
      certificatePems,
      passphrase: 'p12-test',
      algorithm,
      friendlyName: 'leaf alias',
    });
    const file = join(dir, `${algorithm}.p12`);
    await writeFile(file, der);
    return { file, der, certificatePems };
  }

  // `-info` reports the algorithms on stderr.
  const algorithmsOf = (file: string) =>
    spawnSync('openssl', ['pkcs12', '-in', file, '-passin', 'pass:p12-test', '-info', '-noout'], {
      encoding: 'utf8',
    }).stderr;
  const info = (file: string) =>
    execFileSync('openssl', ['pkcs12', '-in', file, '-passin', 'pass:p12-test', '-info', '-nodes'], {
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'pipe'],
    });

  it('aes256: what OpenSSL 3 writes itself (PBES2, PBKDF2-HMAC-SHA256, AES-256-CBC, SHA-256 MAC)', async () => {
    const { file } = await build('aes256');
    const text = algorithmsOf(file);
    expect(text).to.include('MAC: sha256, Iteration 2048');
    expect(text).to.include(
      'Shrouded Keybag: PBES2, PBKDF2, AES-256-CBC, Iteration 2048, PRF hmacWithSHA256',
    );
  });

  it('3des: pbeWithSHA1And3-KeyTripleDES-CBC with a SHA-1 MAC, for consumers that predate PBES2', async () => {
    const { file } = await build('3des');
    const text = algorithmsOf(file);
    expect(text).to.include('MAC: sha1, Iteration 2048');
    expect(text).to.include('Shrouded Keybag: pbeWithSHA1And3-KeyTripleDES-CBC, Iteration 2048');
  });

  for (const algorithm of ['aes256', '3des'] as const) {
    it(`${algorithm}: openssl and node-forge both recover the key, the chain in order, the alias and the key id`, async () => {
      const fixtures = await testFixtures();
      const { file, der, certificatePems } = await build(algorithm);
      const text = info(file);
      expect(text).to.include('friendlyName: leaf alias');
      const localKeyIds = [...text.matchAll(/localKeyID: ([0-9A-F ]+)/g)].map((match) => match[1]);
      expect(localKeyIds).to.have.length(2); // the key's and the leaf certificate's, equal
      expect(localKeyIds[0]).to.equal(localKeyIds[1]);

      const p12 = forge.pkcs12.pkcs12FromAsn1(forge.asn1.fromDer(der.toString('binary')), 'p12-test');
      const keyBags = p12.getBags({ bagType: shroudedKeyBagOid })[shroudedKeyBagOid] ?? [];
      const certificateBags = p12.getBags({ bagType: certBagOid })[certBagOid] ?? [];
      const keyPem = readFileSync(fixtures.path('intermediate-leaf', 'key'), 'utf8');
      expect(keyBags).to.have.length(1);
      const key = keyBags[0]?.key;
      expect(key && forge.pki.privateKeyToPem(key)).to.equal(
        forge.pki.privateKeyToPem(forge.pki.privateKeyFromPem(keyPem)),
      );
      const recovered = certificateBags.map((bag) => (bag.cert ? forge.pki.certificateToPem(bag.cert) : ''));
      expect(recovered.map(fingerprint)).to.deep.equal(certificatePems.map(fingerprint));
    });
  }

  it('is refused by openssl and node-forge with a wrong password', async () => {
    const { file, der } = await build('aes256');
    expect(() =>
      execFileSync('openssl', ['pkcs12', '-in', file, '-passin', 'pass:wrong', '-noout'], {
        stdio: 'ignore',
      }),
    ).to.throw();
    expect(() => forge.pkcs12.pkcs12FromAsn1(forge.asn1.fromDer(der.toString('binary')), 'wrong')).to.throw(
      /MAC could not be verified/,
    );
  });
});
