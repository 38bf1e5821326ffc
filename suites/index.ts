import type { SuitePlanner, Suite } from '../harness/index.ts';
import { planClientSuite } from './client/client-suite.ts';
import { planOAuthSuite } from './oauth/oauth-suite.ts';
import { planServerSuite } from './server/server-suite.ts';

/** Every suite `run` knows, by the name a target's `suite` field uses. */
export const suitePlanners: Readonly<Partial<Record<Suite, SuitePlanner>>> = {
  server: planServerSuite,
  client: planClientSuite,
  oauth: planOAuthSuite,
};
