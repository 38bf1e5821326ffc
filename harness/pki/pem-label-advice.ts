const privateKeyLabels = ['PRIVATE KEY', 'RSA PRIVATE KEY', 'EC PRIVATE KEY', 'ENCRYPTED PRIVATE KEY'];

export function isPrivateKeyLabel(label: string): boolean {
  return privateKeyLabels.includes(label);
}

/** What to do when a PEM file holds `label` where a certificate was expected. */
export function certificateAdvice(label: string): string {
  if (isPrivateKeyLabel(label))
    return 'Give it as the key file, and the certificate (.crt) as the certificate file';
  if (label.includes('CERTIFICATE REQUEST')) {
    return 'A certificate request (CSR) must be signed by a CA first: give the certificate the CA returned';
  }
  if (label === 'TRUSTED CERTIFICATE') {
    return "Convert OpenSSL's trusted format to a plain certificate: openssl x509 -in FILE -out cert.pem";
  }
  if (label === 'PKCS7')
    return 'Extract the certificates: openssl pkcs7 -print_certs -in FILE -out chain.pem';
  return 'Give a file that starts with "-----BEGIN CERTIFICATE-----"';
}

/** What to do when a PEM file holds `label` where a private key was expected. */
export function privateKeyAdvice(label: string): string {
  if (label === 'CERTIFICATE')
    return 'Give the private key file (.key) as the key, and this file as the certificate';
  if (label.includes('CERTIFICATE REQUEST'))
    return 'A CSR holds no private key: give the .key file made with it';
  if (label === 'PUBLIC KEY') return 'A public key cannot sign the handshake: give the private key file';
  return 'Give a file that starts with "-----BEGIN PRIVATE KEY-----"';
}
