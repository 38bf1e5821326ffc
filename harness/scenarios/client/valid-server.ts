import type { MockServerSetup } from './client-scenario.ts';

/**
 * The valid server: fixture `server` (ca1, for 127.0.0.1 and localhost), TLS 1.2 and 1.3, a
 * CertificateRequest naming the CAs the target declares. presents-certificate runs the client against
 * it; a refusal of a flawed server counts only when the same client, in the same run, sends its request
 * here. A client that sends nothing anywhere (`openssl s_client` with nothing on stdin) or never gets
 * past the version (curl capped at TLS 1.1) otherwise passes every refuses-* scenario without checking
 * anything (issue 26).
 */
export const validServer: MockServerSetup = { identity: 'server' };

/**
 * The valid server letting any client in. Tried only when the valid server refused the client's own
 * certificate, so that a client configured with the wrong identity still shows whether it sends its
 * request to a server it should accept: one misconfiguration, one failed scenario.
 */
export const validServerAdmittingAnyClient: MockServerSetup = { identity: 'server', admitAnyClient: true };
