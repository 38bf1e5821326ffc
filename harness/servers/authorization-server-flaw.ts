/**
 * Deliberately broken authorization servers, for the oauth suite's self-tests: the suite is only worth
 * something if it names the scenarios these fail.
 * - `issues-unbound-tokens`: tokens carry no `cnf` and the resource accepts them over any connection,
 *   while the metadata still claims `tls_client_certificate_bound_access_tokens` (an AS whose binding
 *   was switched off behind the documentation's back);
 * - `accepts-any-certificate-for-client`: a token for any registered client_id to whoever asks, with
 *   any certificate or none (the client's certificate is never compared with its registration);
 * - `accepts-impostor-subject`: a `tls_client_auth` client is matched by subject alone, under any CA the
 *   server trusts, not only the CAs registered for it (RFC 8705 §7.4 certificate spoofing: a server that
 *   matches the DN without a CA-subject setting issues tpp1's token to tpp1's twin from ca2);
 * - `resource-serves-without-cert`: the protected resource checks a token's `cnf` only when the
 *   connection carries a certificate, so a stolen token is served to a client that presents none.
 */
export type AuthorizationServerFlaw =
  | 'issues-unbound-tokens'
  | 'accepts-any-certificate-for-client'
  | 'accepts-impostor-subject'
  | 'resource-serves-without-cert';

export const authorizationServerFlaws: readonly AuthorizationServerFlaw[] = [
  'issues-unbound-tokens',
  'accepts-any-certificate-for-client',
  'accepts-impostor-subject',
  'resource-serves-without-cert',
];
