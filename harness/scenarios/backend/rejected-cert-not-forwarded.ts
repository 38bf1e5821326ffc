import type { BackendScenario } from './backend-scenario.ts';
import { UNTRUSTED_FIXTURE, withUntrustedCertificate } from './backend-rules.ts';

/**
 * A certificate the gateway did not verify is let through by some modes (nginx `optional_no_ca`, a
 * gateway that leaves verification to the application): the backend must never see it as verified.
 */
export const rejectedCertNotForwarded: BackendScenario = {
  id: 'rejected-cert-not-forwarded',
  suite: 'server',
  title: 'Untrusted certificate never reaches the backend as verified',
  method: 'backend',
  backendCase: 'rejected-cert',
  presents: { kind: 'fixture', fixture: UNTRUSTED_FIXTURE, withChain: true },
  derivation:
    'rejected: refused, or the backend receives no verified value and no certificate without a verify header saying it failed',
  expect: (target, fixtures) =>
    withUntrustedCertificate(
      target,
      fixtures,
      'with forged headers claiming the trusted identity, verified: the backend must receive neither the verified value nor the untrusted certificate as if it were verified',
    ),
};
