/**
 * Deliberately broken servers, for the harness's self-tests: a conformance suite is only worth
 * something if it catches these.
 * - `accept-any-certificate`: asks for a certificate and lets everyone in, with any certificate or
 *   none (Node `requestCert: true, rejectUnauthorized: false` answering 200; nginx
 *   `ssl_verify_client optional_no_ca`).
 * - `ignore-validity-dates`: verifies the chain but not the dates, so an expired or not-yet-valid
 *   certificate from a trusted CA gets in while an untrusted one is still refused
 *   (`openssl s_server -no_check_time`).
 */
export type ServerMisconfiguration = 'accept-any-certificate' | 'ignore-validity-dates';

export const serverMisconfigurations: readonly ServerMisconfiguration[] = [
  'accept-any-certificate',
  'ignore-validity-dates',
];
