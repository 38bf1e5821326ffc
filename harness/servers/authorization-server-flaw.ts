/**
 * Deliberately broken authorization servers, for the oauth suite's self-tests: the suite is only worth
 * something if it names the scenarios these fail.
 * - `issues-unbound-tokens`: tokens carry no `cnf` and the resource accepts them over any connection,
 *   while the metadata still claims `tls_client_certificate_bound_access_tokens` (an AS whose binding
 *   was switched off behind the documentation's back);
 * - `accepts-any-certificate-for-client`: a token for any registered client_id to whoever asks, with
 *   any certificate or none (the client's certificate is never compared with its registration).
 */
export type AuthorizationServerFlaw = 'issues-unbound-tokens' | 'accepts-any-certificate-for-client';

export const authorizationServerFlaws: readonly AuthorizationServerFlaw[] = [
  'issues-unbound-tokens',
  'accepts-any-certificate-for-client',
];
