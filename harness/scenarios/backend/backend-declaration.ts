import type { ForwardedCertificateFormat } from '../../pki/forwarded-certificate-format.ts';

/**
 * Deliberately unsafe gateways, for self-tests (the harness starts them; never a target of yours):
 * - `pass-client-headers`: a header of the same name the client sent reaches the backend next to the
 *   gateway's own (Envoy's XFCC `APPEND_FORWARD`, Traefik #5061, nginx `proxy_set_header` lines that
 *   re-add `$http_…`);
 * - `set-only-when-verified`: the gateway writes the headers for a client it verified and otherwise
 *   leaves what the client sent (ingress-nginx #8299): the verify header is not cleared without a
 *   verified certificate.
 */
export const backendMisconfigurations = ['pass-client-headers', 'set-only-when-verified'] as const;
export type BackendMisconfiguration = (typeof backendMisconfigurations)[number];

/** The request header every backend probe carries, so that what the backend received is matched to it. */
export const REQUEST_ID_HEADER = 'X-Mtlsc-Request-Id';

/**
 * What a target that terminates mutual TLS tells the application behind it, and how: the `backend:`
 * block of the config. It adds the backend scenarios (harness/scenarios/backend/) to the server suite.
 */
export interface BackendDeclaration {
  format: ForwardedCertificateFormat;
  /** Header names, as declared or defaulted from the format (defaultForwardedHeaderNames). */
  headers: { cert: string; verify?: string; chain?: string };
  /** The verify header's value for a verified client. Default `SUCCESS` (nginx, Apache). */
  verifiedValue: string;
  /**
   * The path (and query) the backend probes request through the gateway. Default: the target URL's
   * path for your own gateway; `/echo` for a gateway the harness generates (it proxies every path but
   * /healthcheck to its recording backend).
   */
  path?: string;
  /** Set only for gateways the harness generates, for self-tests. Default: none (the safe gateway). */
  misconfiguration?: BackendMisconfiguration;
}

/** `X-SSL-Client-Cert (pem-urlencoded), X-SSL-Client-Verify`: the declaration in one line. */
export function describeBackend(backend: BackendDeclaration): string {
  const { cert, verify, chain } = backend.headers;
  return [
    `${cert} (${backend.format})`,
    ...(chain === undefined ? [] : [`${chain} (chain)`]),
    ...(verify === undefined ? [] : [`${verify} (${backend.verifiedValue} when verified)`]),
  ].join(', ');
}
