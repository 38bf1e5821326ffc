import type { Scenario } from '../scenario.ts';
import { allowListOuSmuggle } from './allow-list-ou-smuggle.ts';
import { allowListSameDnOtherCa } from './allow-list-same-dn-other-ca.ts';
import { allowListSuperstring } from './allow-list-superstring.ts';
import { caTrueLeaf } from './ca-true-leaf.ts';
import { ecClient } from './ec-client.ts';
import { ed25519Client } from './ed25519-client.ts';
import { nameConstraintViolation } from './name-constraint-violation.ts';
import { rsaPssClient } from './rsa-pss-client.ts';
import { sha1Client } from './sha1-client.ts';
import { weakRsaClient } from './weak-rsa-client.ts';

/**
 * The key and certificate-policy matrix (docs/key-matrix.md), at the end of the server suite. Each has
 * a `skipFor`, so the server suite skips it, with the reason, on a fixture set made before its fixture
 * existed instead of failing on the missing file.
 */
export const keyScenarios: readonly Scenario[] = [
  ecClient,
  ed25519Client,
  rsaPssClient,
  weakRsaClient,
  sha1Client,
  caTrueLeaf,
  nameConstraintViolation,
  allowListSuperstring,
  allowListOuSmuggle,
  allowListSameDnOtherCa,
].map((scenario) => ({ skipFor: () => undefined, ...scenario }));
