import type { X509Certificate } from 'node:crypto';
import { encodeForwardedCertificate, pemOf } from '../../../pki/encode-forwarded-certificate.ts';
import type { BackendDeclaration } from '../../../scenarios/backend/backend-declaration.ts';

type HeaderLine = readonly [string, string];

/**
 * The headers a client forges to claim `claimed`'s identity, verified: the certificate header (and the
 * chain header) in the declared format, and the verify header with the verified value.
 */
export function forgedIdentity(backend: BackendDeclaration, claimed: X509Certificate): HeaderLine[] {
  const values = encodeForwardedCertificate(backend.format, [claimed]);
  const { cert, chain, verify } = backend.headers;
  return [
    [cert, values.cert],
    // The chain header (RFC 9440's Client-Cert-Chain): the claimed certificate again, so that a
    // pass-through shows there too. One Byte Sequence is also a List of one.
    ...(chain === undefined ? [] : [[chain, values.cert] as const]),
    ...(verify === undefined ? [] : [[verify, backend.verifiedValue] as const]),
  ];
}

/** Two certificate lines naming `other` (a second copy catches gateways that replace only the first). */
export function forgedOtherCertificate(backend: BackendDeclaration, other: X509Certificate): HeaderLine[] {
  const { cert } = encodeForwardedCertificate(backend.format, [other]);
  return [
    [backend.headers.cert, cert],
    [backend.headers.cert, cert],
  ];
}

/** The probes of header-garbage, each one forged line (the last, a clean request, none). */
export interface GarbageProbe {
  label: string;
  lines: HeaderLine[];
}

/** Longer than any certificate, shorter than nginx's 8 KB header line limit (large_client_header_buffers). */
export const OVERSIZED_BYTES = 7000;

/**
 * header-garbage's probes: an oversized value, a PEM folded over several lines (obs-fold, RFC 9112
 * §5.2, which a gateway must refuse or unfold), a value that is no certificate (and no valid
 * percent-encoding), and `other`'s certificate under the declared name with `_` for `-`; then a clean
 * request, which the backend must still answer.
 */
export function garbageProbes(backend: BackendDeclaration, other: X509Certificate): GarbageProbe[] {
  const { cert } = backend.headers;
  const underscored = cert.replaceAll('-', '_');
  const folded = pemOf(other).trim().split('\n').join('\r\n ');
  return [
    { label: 'oversized value', lines: [[cert, 'A'.repeat(OVERSIZED_BYTES)]] },
    { label: 'multi-line value (obs-fold)', lines: [[cert, folded]] },
    { label: 'not a certificate', lines: [[cert, 'not-a-certificate %ZZ <script>']] },
    ...(underscored === cert
      ? []
      : [
          {
            label: `underscore name ${underscored}`,
            lines: [[underscored, encodeForwardedCertificate(backend.format, [other]).cert] as const],
          },
        ]),
    { label: 'clean request after the garbage', lines: [] },
  ];
}
