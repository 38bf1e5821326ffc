import type { ExpectationRule, FixtureFacts, TargetDeclaration } from '../scenario.ts';
import { rejectedDespiteIssuer } from '../trust-rules.ts';

/** The skip line of an allow-list scenario on a target that declares no allow-list. */
export function allowListSkip(target: TargetDeclaration): string | undefined {
  return target.allowedSubjects === undefined || target.allowedSubjects.length === 0
    ? 'the target declares no allowedSubjects: it authorizes no client by identity, so there is no allow-list to test'
    : undefined;
}

/** Rejected: the fixture is a near miss of an allowed identity, which an exact allow-list does not match. */
export function nearMissRule(
  target: TargetDeclaration,
  fixtures: FixtureFacts,
  fixture: string,
  nearMiss: string,
): ExpectationRule {
  const allowed = (target.allowedSubjects ?? []).map((pattern) => `"${pattern}"`).join(', ');
  return rejectedDespiteIssuer(
    target,
    fixtures,
    fixture,
    `${nearMiss}, which no entry of allowedSubjects [${allowed}] is`,
  );
}

/**
 * The skip line of a key-type scenario on a target with an allow-list: its fixture is no allowed
 * identity, so a refusal would be the allow-list's and say nothing about the key type.
 */
export function keyTypeSkip(target: TargetDeclaration): string | undefined {
  if (target.allowedSubjects !== undefined && target.allowedSubjects.length > 0) {
    return 'the target lets in only its allowedSubjects, and this fixture is none of them: a refusal would not be about the key type (run the key scenarios on a target without allowedSubjects)';
  }
  // With auth:, a certificate counts only when it is registered to a user (auth-modes.md).
  return target.auth === undefined
    ? undefined
    : 'the target maps certificates to users (auth:), and this fixture is registered to none: a refusal would not be about the key type';
}
