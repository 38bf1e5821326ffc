import { metadataAdvertisesMtls } from './metadata-advertises-mtls.ts';
import type { OAuthScenario } from './oauth-scenario.ts';
import { resourceWithBoundToken } from './resource-with-bound-token.ts';
import { resourceWithStolenToken } from './resource-with-stolen-token.ts';
import { tokenBoundToCert } from './token-bound-to-cert.ts';
import { tokenWithOtherClientsCert } from './token-with-other-clients-cert.ts';
import { tokenWithRegisteredCert } from './token-with-registered-cert.ts';
import { tokenWithoutCert } from './token-without-cert.ts';
import { tokenWithImpostorCert } from './token-with-impostor-cert.ts';
import { resourceWithTokenNoCert } from './resource-with-token-no-cert.ts';

/** The oauth suite (issue 11), in the order runs and reports list it. Adding one: its file plus one line here. */
export const oauthScenarios: readonly OAuthScenario[] = Object.freeze([
  tokenWithRegisteredCert,
  tokenWithoutCert,
  tokenWithOtherClientsCert,
  tokenBoundToCert,
  resourceWithBoundToken,
  resourceWithStolenToken,
  metadataAdvertisesMtls,
  tokenWithImpostorCert,
  resourceWithTokenNoCert,
]);
