/**
 * Whether the server asks for a client certificate and whether it insists on one:
 * - `require`: a certificate is mandatory (Tomcat `clientAuth="true"`, nginx `ssl_verify_client on`,
 *   webMethods "Exclusive");
 * - `optional`: a certificate is asked for but a missing one is allowed at the TLS layer (Tomcat
 *   `clientAuth="want"`, nginx `ssl_verify_client optional`, webMethods "Default"/"Force"); a
 *   certificate that is presented must still verify;
 * - `none`: no CertificateRequest is sent, so clients present nothing (plain one-way TLS).
 */
export type ClientAuthMode = 'require' | 'optional' | 'none';

export const clientAuthModes: readonly ClientAuthMode[] = ['require', 'optional', 'none'];
