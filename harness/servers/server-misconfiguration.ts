/**
 * Deliberately broken servers, for the harness's self-tests: a conformance suite is only worth
 * something if it catches these.
 * - `accept-any-certificate`: asks for a certificate and lets everyone in, with any certificate or
 *   none (Node `requestCert: true, rejectUnauthorized: false` answering 200; nginx
 *   `ssl_verify_client optional_no_ca`).
 * - `ignore-validity-dates`: verifies the chain but not the dates, so an expired or not-yet-valid
 *   certificate from a trusted CA gets in while an untrusted one is still refused
 *   (`openssl s_server -no_check_time`).
 * - `accept-weak-certificates`: verifies the chain but none of certificatePolicyProblems: weak and
 *   excluded keys, SHA-1 signatures, CA:TRUE leaves, name-constraint violations (a gateway at
 *   `@SECLEVEL=0`, which OpenSSL also needs to negotiate with such keys).
 * - `substring-allow-list`: matches the allow-list as a text search of the subject DN for each entry's
 *   CN value, as an unanchored regex over nginx's $ssl_client_s_dn does (ingress-nginx #8434).
 */
export type ServerMisconfiguration =
  'accept-any-certificate' | 'ignore-validity-dates' | 'accept-weak-certificates' | 'substring-allow-list';

export const serverMisconfigurations: readonly ServerMisconfiguration[] = [
  'accept-any-certificate',
  'ignore-validity-dates',
  'accept-weak-certificates',
  'substring-allow-list',
];
