/**
 * Where the server refuses a client it does not accept:
 * - `handshake`: at the TLS layer, as Node, Java and Go servers do. A missing certificate under
 *   `require` ends the handshake with an alert (handshake_failure 40 in TLS 1.2, certificate_required
 *   116 in TLS 1.3). A certificate that fails verification is refused the way Node's own
 *   `rejectUnauthorized` refuses it: the handshake completes and the socket is destroyed at once,
 *   without an alert and without reading the request (Node has no API to fail the handshake with an
 *   alert for a bad certificate; Java, Go and `openssl s_server` send 42/45/48 instead).
 * - `http`: complete the handshake and answer as nginx does: 400 with nginx's page
 *   `No required SSL certificate was sent` or `The SSL certificate error`, 403 for a subject that is
 *   not allowed.
 */
export type RefusalStage = 'handshake' | 'http';

export const refusalStages: readonly RefusalStage[] = ['handshake', 'http'];
