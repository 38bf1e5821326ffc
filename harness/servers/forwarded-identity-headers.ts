import type { X509Certificate } from 'node:crypto';
import { encodeForwardedCertificate } from '../pki/encode-forwarded-certificate.ts';
import type { BackendDeclaration } from '../scenarios/backend/backend-declaration.ts';
import type { VerifiedClient } from './http-routes.ts';

/** How the mock gateway tells its backend who the client is: the target's `backend:` declaration. */
export type IdentityForwarding = Pick<BackendDeclaration, 'format' | 'headers' | 'misconfiguration'>;

// RFC 9110 §7.6.1: hop-by-hop fields are for this connection only; Host names the backend instead.
const notForwarded = new Set([
  'connection',
  'keep-alive',
  'proxy-connection',
  'te',
  'trailer',
  'transfer-encoding',
  'upgrade',
  'host',
  'content-length',
]);

/**
 * The header lines the mock gateway sends its backend for a request that came with `received`: the
 * client's lines, less hop-by-hop ones, with the identity headers as the gateway writes them. Safe
 * (the default): every client line whose name is a declared one, or differs from one only by case or
 * `_` for `-`, is dropped; the certificate header is written only for a verified client, the verify
 * header always (`SUCCESS`, `FAILED:<reason>`, `NONE`, as nginx's `$ssl_client_verify`). The two
 * misconfigurations keep the client's lines: always (`pass-client-headers`), or unless the client is
 * verified (`set-only-when-verified`, which then writes nothing).
 */
export function forwardedIdentityHeaders(
  received: readonly (readonly [string, string])[],
  client: VerifiedClient,
  forwarding: IdentityForwarding,
): [string, string][] {
  const { cert, verify, chain } = forwarding.headers;
  const declared = [cert, verify, chain].flatMap((name) => (name === undefined ? [] : [normalize(name)]));
  const keepClients =
    forwarding.misconfiguration === 'pass-client-headers' ||
    (forwarding.misconfiguration === 'set-only-when-verified' && !client.authorized);
  const lines = received
    .filter(([name]) => !notForwarded.has(name.toLowerCase()))
    .filter(([name]) => keepClients || !declared.includes(normalize(name)))
    .map(([name, value]): [string, string] => [name, value]);
  if (forwarding.misconfiguration === 'set-only-when-verified' && !client.authorized) return lines;
  const [leaf, ...intermediates] = client.certificates;
  if (client.authorized && leaf !== undefined) {
    const values = encodeForwardedCertificate(forwarding.format, [leaf, ...intermediates] as [
      X509Certificate,
      ...X509Certificate[],
    ]);
    lines.push([cert, values.cert]);
    if (chain !== undefined && values.chain !== undefined) lines.push([chain, values.chain]);
  }
  if (verify !== undefined) lines.push([verify, verifyValue(client)]);
  return lines;
}

/** nginx's `$ssl_client_verify`: SUCCESS, FAILED:<reason>, or NONE for no certificate. */
function verifyValue(client: VerifiedClient): string {
  if (client.certificates.length === 0) return 'NONE';
  return client.authorized ? 'SUCCESS' : `FAILED:${client.authorizationError ?? 'unverified'}`;
}

/** Names compared as CGI-style applications see them: case-insensitive, `_` and `-` alike. */
function normalize(name: string): string {
  return name.toLowerCase().replaceAll('_', '-');
}
