/**
 * How a gateway that terminates mutual TLS writes the client's certificate into a request header for
 * the application behind it. Each format is one that gateways in use produce:
 * - `pem-urlencoded`: the PEM text, percent-encoded: nginx `$ssl_client_escaped_cert` (ingress-nginx's
 *   `ssl-client-cert`), AWS ALB `X-Amzn-Mtls-Clientcert` (leaf first, then the chain);
 * - `pem`: the PEM text on one header line, its line breaks removed or replaced by spaces (Apache
 *   `RequestHeader set X-SSL-Client-Cert "%{SSL_CLIENT_CERT}s"`, F5, many appliances);
 * - `der-base64`: base64 of the DER certificate, no PEM armour: Azure App Service `X-ARR-ClientCert`,
 *   Traefik `X-Forwarded-Tls-Client-Cert` (a comma-separated list when it passes the chain);
 * - `xfcc`: Envoy's `X-Forwarded-Client-Cert`, `Hash=<sha256>;Cert="<pem-urlencoded>";Subject="…"`,
 *   one comma-separated element per proxy;
 * - `rfc9440`: RFC 9440 `Client-Cert: :<base64 DER>:` (an RFC 8941 Byte Sequence) and
 *   `Client-Cert-Chain: :<base64>:, :<base64>:`.
 */
export const forwardedCertificateFormats = [
  'pem-urlencoded',
  'pem',
  'der-base64',
  'xfcc',
  'rfc9440',
] as const;

export type ForwardedCertificateFormat = (typeof forwardedCertificateFormats)[number];

/** The header names a format is usually sent under: the defaults of `backend.headers`. */
export interface ForwardedHeaderNames {
  /** The client's certificate (the leaf, in some formats followed by its chain). */
  cert: string;
  /** The gateway's verification result (`SUCCESS`, `FAILED:<reason>`, `NONE` as nginx writes it). */
  verify?: string;
  /** The client's intermediate certificates, for formats that carry them apart (RFC 9440). */
  chain?: string;
}

export const defaultForwardedHeaderNames: Readonly<Record<ForwardedCertificateFormat, ForwardedHeaderNames>> =
  {
    'pem-urlencoded': { cert: 'X-SSL-Client-Cert', verify: 'X-SSL-Client-Verify' },
    pem: { cert: 'X-SSL-Client-Cert', verify: 'X-SSL-Client-Verify' },
    'der-base64': { cert: 'X-ARR-ClientCert' },
    // Envoy sets XFCC only for a client it verified: the header's presence is the verification.
    xfcc: { cert: 'X-Forwarded-Client-Cert' },
    rfc9440: { cert: 'Client-Cert', chain: 'Client-Cert-Chain' },
  };

/** The value nginx and Apache write in the verify header for a certificate that verified. */
export const defaultVerifiedValue = 'SUCCESS';
