import {
  decodeForwardedCertificate,
  type DecodedHeaderValue,
} from '../../../pki/decode-forwarded-certificate.ts';
import {
  REQUEST_ID_HEADER,
  type BackendDeclaration,
} from '../../../scenarios/backend/backend-declaration.ts';

/** One header line the backend received, with what it decodes to for a certificate header. */
export interface ReceivedHeader {
  name: string;
  value: string;
  decoded?: DecodedHeaderValue;
}

/** The client identity as the backend received it: the declared headers' lines, and their look-alikes. */
export interface ReceivedIdentity {
  cert: ReceivedHeader[];
  chain: ReceivedHeader[];
  verify: ReceivedHeader[];
  /**
   * Lines whose name differs from a declared one only by `_` for `-` (or case with it): CGI, WSGI, PHP
   * and Rack turn both into the same variable (HTTP_X_SSL_CLIENT_CERT), so the application may read
   * them as the declared header.
   */
  lookalikes: ReceivedHeader[];
  /** Every other line, the request id header excepted: counted, never shown. */
  otherCount: number;
}

/** Sorts the header lines a backend received into the identity the declaration names. */
export function readReceivedIdentity(
  headers: readonly (readonly [string, string])[],
  backend: BackendDeclaration,
): ReceivedIdentity {
  const identity: ReceivedIdentity = { cert: [], chain: [], verify: [], lookalikes: [], otherCount: 0 };
  const { cert, chain, verify } = backend.headers;
  const declared = [cert, chain, verify].flatMap((name) => (name === undefined ? [] : [name.toLowerCase()]));
  for (const [name, value] of headers) {
    const lower = name.toLowerCase();
    if (lower === cert.toLowerCase()) {
      identity.cert.push({ name, value, decoded: decodeForwardedCertificate(backend.format, value, 'cert') });
    } else if (chain !== undefined && lower === chain.toLowerCase()) {
      identity.chain.push({
        name,
        value,
        decoded: decodeForwardedCertificate(backend.format, value, 'chain'),
      });
    } else if (verify !== undefined && lower === verify.toLowerCase()) {
      identity.verify.push({ name, value });
    } else if (declared.includes(lower.replaceAll('_', '-'))) {
      identity.lookalikes.push({ name, value });
    } else if (lower !== REQUEST_ID_HEADER.toLowerCase()) {
      identity.otherCount += 1;
    }
  }
  return identity;
}
