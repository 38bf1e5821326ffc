import type { Scenario } from '../scenario.ts';

/**
 * What a backend scenario sends through the gateway (harness/runner/server/execute-backend-scenario.ts
 * carries each out):
 * - `forwarded-identity`: the trusted identity, nothing forged;
 * - `spoofed-without-cert`: no certificate, forged headers claiming the trusted identity, verified;
 * - `spoofed-with-other-cert`: the trusted identity, and two forged lines naming another client;
 * - `rejected-cert`: a certificate the target does not trust, and forged headers claiming the trusted
 *   identity, verified;
 * - `header-garbage`: the trusted identity with an oversized, a folded (multi-line), a non-certificate
 *   and an underscore-named forged header, one probe each, then a clean probe.
 */
export type BackendCase =
  | 'forwarded-identity'
  | 'spoofed-without-cert'
  | 'spoofed-with-other-cert'
  | 'rejected-cert'
  | 'header-garbage';

/**
 * A scenario of the edge-to-app set: what the application behind a gateway receives as the client's
 * identity. The set runs in the server suite of targets that declare `backend:`, and only there.
 */
export interface BackendScenario extends Scenario {
  suite: 'server';
  method: 'backend';
  backendCase: BackendCase;
}
