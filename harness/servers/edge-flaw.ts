/**
 * Deliberately broken ways of serving several virtual hosts on one port, for the self-tests of the
 * scenarios around the edge (docs/around-the-edge.md): each is a public class of bug.
 * - `routes-by-host`: picks TLS settings by SNI but the site by the Host header alone, never comparing
 *   them: SNI = the ordinary site, Host = the mTLS site reaches the mTLS site without a certificate.
 * - `routes-by-host-without-sni`: compares Host with SNI only when an SNI was sent (nginx's 421 check
 *   works this way); a client without SNI gets the default site's TLS and is routed by Host.
 * - `host-check-exact`: decides that a request is misdirected by comparing the Host header as sent
 *   with the site's names, but routes by the normalised name (lower case, no trailing dot, no port),
 *   as the Traefik advisories describe: `LOCALHOST`, `localhost.` and `localhost:8443` get through.
 * - `resumes-across-vhosts`: one session ticket key and session context for every site, and a resumed
 *   session is let in as verified (nginx CVE-2025-23419: a TLS 1.3 session from another server block
 *   skips client verification).
 * - `trusts-resumed-sessions`: a resumed session is let in without checking the certificate it was made
 *   with, even one that was refused, or one issued before a trust-store change (Envoy CVE-2022-21654).
 */
export type EdgeFlaw =
  | 'routes-by-host'
  | 'routes-by-host-without-sni'
  | 'host-check-exact'
  | 'resumes-across-vhosts'
  | 'trusts-resumed-sessions';

export const edgeFlaws: readonly EdgeFlaw[] = [
  'routes-by-host',
  'routes-by-host-without-sni',
  'host-check-exact',
  'resumes-across-vhosts',
  'trusts-resumed-sessions',
];
