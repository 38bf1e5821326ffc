import forge from 'node-forge';

/**
 * `aes256`: PBES2 with AES-256-CBC, the default of OpenSSL 3 and Java 17, which both open it.
 * `3des`: pbeWithSHAAnd3-KeyTripleDES-CBC, for older consumers (Java 8 before 8u301, Windows before
 * Server 2019) that cannot read PBES2.
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

/** Builds a PKCS#12 keystore (DER) holding one private key and its certificate chain. Pure: no I/O. */
export function buildPkcs12(params: BuildPkcs12Params): Buffer {
  const key = forge.pki.privateKeyFromPem(params.privateKeyPem);
  const certificates = params.certificatePems.map((pem) => forge.pki.certificateFromPem(pem));
  const asn1 = forge.pkcs12.toPkcs12Asn1(key, certificates, params.passphrase, {
    algorithm: params.algorithm ?? 'aes256',
    // keytool pairs a key with its certificate by localKeyId; without it `keytool -list` shows no entry.
    generateLocalKeyId: true,
    ...(params.friendlyName === undefined ? {} : { friendlyName: params.friendlyName }),
  });
  return Buffer.from(forge.asn1.toDer(asn1).getBytes(), 'binary');
}
