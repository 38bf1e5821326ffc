import { X509Certificate } from 'node:crypto';
import { KeystoreError } from './keystore-error.ts';
import type { KeystoreFormat } from './keystore-contents.ts';
import { certificatePems } from './pem-blocks.ts';
import { readInputFile } from './read-input-file.ts';

/** A trust store as a PEM bundle, with where each certificate came from. */
export interface LoadedTrustStore {
  format: KeystoreFormat | 'PEM';
  /** The certificates, PEM, concatenated: what Node's `ca` option and curl's `--cacert` take. */
  pem: string;
  /** Alias (keystores) or position (`#1`, PEM) of each certificate, in the order of `pem`. */
  certificates: Array<{ alias: string; certificate: X509Certificate }>;
}

/**
 * Reads a trust store, whatever its form: a PEM bundle, a JKS truststore (its certificates are in
 * clear, so the password may be left out; given, it is checked) or a PKCS#12 one (password needed).
 * As Java's TrustManagerFactory does (sun.security.validator.KeyStores.getTrustedCerts), both the
 * trusted-certificate entries and the leaf of each private-key entry count as trusted.
 */
export async function loadTrustStore(
  file: string,
  password?: string,
  passwordSource?: string,
): Promise<LoadedTrustStore> {
  const data = await readInputFile(file, 'trust store');
  if (data.includes('-----BEGIN CERTIFICATE-----')) {
    const pems = certificatePems(data.toString('utf8'));
    return {
      format: 'PEM',
      pem: pems.join(''),
      certificates: pems.map((pem, index) => ({
        alias: `#${index + 1}`,
        certificate: new X509Certificate(pem),
      })),
    };
  }
  const label = /-----BEGIN ([A-Z0-9 ]+)-----/.exec(data.subarray(0, 4096).toString('latin1'))?.[1];
  if (label !== undefined) {
    throw new KeystoreError(
      file,
      'wrong-pem-type',
      `${file}: holds no certificate (-----BEGIN ${label}-----). A trust store is CA certificates, PEM, or a JKS or PKCS#12 truststore.`,
    );
  }
  // Loaded here: the Java keystore readers (jks-js, node-forge) are for this case only.
  const { readKeystoreFile } = await import('./read-keystore-file.ts');
  const contents = await readKeystoreFile(file, {
    ...(password === undefined ? {} : { storePassword: password }),
    ...(passwordSource === undefined ? {} : { storePasswordSource: passwordSource }),
  });
  const certificates = contents.entries.flatMap((entry) => {
    const certificate = entry.certificates[0];
    return certificate ? [{ alias: entry.alias, certificate }] : [];
  });
  if (certificates.length === 0) {
    throw new KeystoreError(
      file,
      'empty',
      `${file}: the trust store holds no certificate. Import the CA: keytool -importcert -alias ca -file ca.pem -keystore ${file}.`,
    );
  }
  return {
    format: contents.format,
    pem: certificates.map(({ certificate }) => certificate.toString()).join(''),
    certificates,
  };
}
