import type { BackendScenario } from './backend-scenario.ts';
import { forwardedIdentityMatches } from './forwarded-identity-matches.ts';
import { headerGarbage } from './header-garbage.ts';
import { rejectedCertNotForwarded } from './rejected-cert-not-forwarded.ts';
import { spoofedHeaderWithOtherCert } from './spoofed-header-with-other-cert.ts';
import { spoofedHeaderWithoutCert } from './spoofed-header-without-cert.ts';

/**
 * The edge-to-app set, in report order. It runs in the server suite of a target that declares
 * `backend:`, after the catalogue; targets without it never see it. Adding one: its file plus a line.
 */
export const backendScenarios: readonly BackendScenario[] = Object.freeze([
  forwardedIdentityMatches,
  spoofedHeaderWithoutCert,
  spoofedHeaderWithOtherCert,
  rejectedCertNotForwarded,
  headerGarbage,
]);
