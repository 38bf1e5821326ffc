import {
  createCipheriv,
  createHash,
  createHmac,
  createPrivateKey,
  randomBytes,
  X509Certificate,
} from 'node:crypto';
import forge from 'node-forge';
import { derivePkcs12Key, pkcs12KeyPurpose } from './pkcs12-key-derivation.ts';

/**
 * `aes256`: PBES2 (PBKDF2-HMAC-SHA256, AES-256-CBC) with a SHA-256 MAC, the default of OpenSSL 3 and
 * Java 17, which both open it.
 * `3des`: pbeWithSHAAnd3-KeyTripleDES-CBC with a SHA-1 MAC, for older consumers (Java 8 before
 * 8u301, Windows before Server 2019) that cannot read PBES2.
 */
export type Pkcs12Algorithm = 'aes256' | '3des';

export interface BuildPkcs12Params {
  privateKeyPem: string;
  /** The leaf first, then its intermediates. */
  certificatePems: string[];
  passphrase: string;
  /** Default `aes256`. */
  algorithm?: Pkcs12Algorithm;
  /** The alias keytool lists and Windows shows. Default: none. */
  friendlyName?: string;
}

// Key-derivation rounds for the key and the MAC: what OpenSSL 3 and keytool write.
const iterations = 2048;
const { asn1 } = forge;
const oids = {
  data: '1.2.840.113549.1.7.1',
  certBag: '1.2.840.113549.1.12.10.1.3',
  shroudedKeyBag: '1.2.840.113549.1.12.10.1.2',
  x509Certificate: '1.2.840.113549.1.9.22.1',
  friendlyName: '1.2.840.113549.1.9.20',
  localKeyId: '1.2.840.113549.1.9.21',
  pbeWithSha1And3DesCbc: '1.2.840.113549.1.12.1.3',
  sha1: '1.3.14.3.2.26',
  sha256: '2.16.840.1.101.3.4.2.1',
} as const;

/**
 * Builds a PKCS#12 keystore (DER) holding one private key and its certificate chain. Pure: no I/O.
 * The layout is the one OpenSSL and keytool read everywhere: the certificates in a plain SafeContents,
 * the key in a shrouded key bag, both tagged with the same localKeyId, and a password MAC over all.
 * The cryptography is Node's (OpenSSL): node-forge's JavaScript PBKDF2 and MAC cost ~80 ms a keystore.
 */
export function buildPkcs12(params: BuildPkcs12Params): Buffer {
  const algorithm = params.algorithm ?? 'aes256';
  const [leafPem] = params.certificatePems;
  if (leafPem === undefined) throw new Error('Cannot build a PKCS#12 keystore. certificatePems is empty.');
  const certificates = params.certificatePems.map((pem) => new X509Certificate(pem).raw);
  // keytool pairs a key with its certificate by localKeyId; without it `keytool -list` shows no entry.
  const localKeyId = createHash('sha1')
    .update(certificates[0] ?? Buffer.alloc(0))
    .digest();
  const attributes = bagAttributes(localKeyId, params.friendlyName);

  const certificateBags = certificates.map((der, index) =>
    sequence([
      oid(oids.certBag),
      explicit0(sequence([oid(oids.x509Certificate), explicit0(octets(der))])),
      ...(index === 0 ? [attributes] : []),
    ]),
  );
  const keyBag = sequence([
    oid(oids.shroudedKeyBag),
    explicit0(fromDer(encryptPrivateKey(params.privateKeyPem, params.passphrase, algorithm))),
    attributes,
  ]);
  const authenticatedSafe = toDer(
    sequence([dataContent(sequence(certificateBags)), dataContent(sequence([keyBag]))]),
  );

  const macHash = algorithm === 'aes256' ? 'sha256' : 'sha1';
  const macSalt = randomBytes(macHash === 'sha256' ? 32 : 20);
  const macKey = derivePkcs12Key({
    passphrase: params.passphrase,
    salt: macSalt,
    iterations,
    purpose: pkcs12KeyPurpose.macKey,
    length: macHash === 'sha256' ? 32 : 20,
    hash: macHash,
  });
  const mac = createHmac(macHash, macKey).update(authenticatedSafe).digest();
  const pfx = sequence([
    integer(3),
    sequence([oid(oids.data), explicit0(octets(authenticatedSafe))]),
    sequence([
      sequence([
        sequence([oid(oids[macHash]), asn1.create(asn1.Class.UNIVERSAL, asn1.Type.NULL, false, '')]),
        octets(mac),
      ]),
      octets(macSalt),
      integer(iterations),
    ]),
  ]);
  return toDer(pfx);
}

/** An EncryptedPrivateKeyInfo (PKCS#8) of the key, as the shrouded key bag holds it. */
function encryptPrivateKey(privateKeyPem: string, passphrase: string, algorithm: Pkcs12Algorithm): Buffer {
  const key = createPrivateKey(privateKeyPem);
  if (algorithm === 'aes256') {
    // OpenSSL 3 writes exactly PBES2 / PBKDF2-HMAC-SHA256 / 2,048 rounds / AES-256-CBC for this.
    return key.export({ type: 'pkcs8', format: 'der', cipher: 'aes-256-cbc', passphrase });
  }
  const plain = key.export({ type: 'pkcs8', format: 'der' });
  const salt = randomBytes(8);
  const derive = (purpose: 1 | 2, length: number): Buffer =>
    derivePkcs12Key({ passphrase, salt, iterations, purpose, length, hash: 'sha1' });
  const cipher = createCipheriv(
    'des-ede3-cbc',
    derive(pkcs12KeyPurpose.encryptionKey, 24),
    derive(pkcs12KeyPurpose.iv, 8),
  );
  const encrypted = Buffer.concat([cipher.update(plain), cipher.final()]);
  return toDer(
    sequence([
      sequence([oid(oids.pbeWithSha1And3DesCbc), sequence([octets(salt), integer(iterations)])]),
      octets(encrypted),
    ]),
  );
}

function bagAttributes(localKeyId: Buffer, friendlyName: string | undefined): forge.asn1.Asn1 {
  const attributes = [sequence([oid(oids.localKeyId), set([octets(localKeyId)])])];
  if (friendlyName !== undefined) {
    const bmp = asn1.create(asn1.Class.UNIVERSAL, asn1.Type.BMPSTRING, false, friendlyName);
    attributes.push(sequence([oid(oids.friendlyName), set([bmp])]));
  }
  return set(attributes);
}

function dataContent(content: forge.asn1.Asn1): forge.asn1.Asn1 {
  return sequence([oid(oids.data), explicit0(octets(toDer(content)))]);
}

function sequence(children: forge.asn1.Asn1[]): forge.asn1.Asn1 {
  return asn1.create(asn1.Class.UNIVERSAL, asn1.Type.SEQUENCE, true, children);
}

function set(children: forge.asn1.Asn1[]): forge.asn1.Asn1 {
  return asn1.create(asn1.Class.UNIVERSAL, asn1.Type.SET, true, children);
}

function explicit0(child: forge.asn1.Asn1): forge.asn1.Asn1 {
  return asn1.create(asn1.Class.CONTEXT_SPECIFIC, 0, true, [child]);
}

function oid(value: string): forge.asn1.Asn1 {
  return asn1.create(asn1.Class.UNIVERSAL, asn1.Type.OID, false, asn1.oidToDer(value).getBytes());
}

function octets(value: Buffer): forge.asn1.Asn1 {
  return asn1.create(asn1.Class.UNIVERSAL, asn1.Type.OCTETSTRING, false, value.toString('binary'));
}

function integer(value: number): forge.asn1.Asn1 {
  return asn1.create(asn1.Class.UNIVERSAL, asn1.Type.INTEGER, false, asn1.integerToDer(value).getBytes());
}

function fromDer(der: Buffer): forge.asn1.Asn1 {
  return asn1.fromDer(der.toString('binary'));
}

function toDer(value: forge.asn1.Asn1): Buffer {
  return Buffer.from(asn1.toDer(value).getBytes(), 'binary');
}
