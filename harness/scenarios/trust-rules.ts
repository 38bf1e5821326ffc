import type { ExpectationRule, FixtureFacts, TargetDeclaration } from './scenario.ts';

/** The fixture every catalogue scenario presents as "a client the target should accept". */
export const TRUSTED_FIXTURE = 'tpp1';

/** `target trusts [ca1, ca2]`: the declaration as the first half of a `because` line. */
export function describeTrust(target: TargetDeclaration): string {
  return `target trusts [${target.trusts.join(', ')}]`;
}

/** `tpp2 is issued by ca2`, `intermediate-leaf chains through intermediate-ca to ca1`, `self-signed is self-signed`. */
export function describeChain(fixture: string, fixtures: FixtureFacts): string {
  const issuer = fixtures.issuerOf(fixture);
  const root = fixtures.rootOf(fixture);
  if (issuer === null || root === null) return `${fixture} is self-signed`;
  if (issuer === root) return `${fixture} is issued by ${root}`;
  return `${fixture} chains through ${issuer} to ${root}`;
}

/** Accepted exactly when the target trusts the root CA the fixture chains to. */
export function acceptedIfRootTrusted(
  target: TargetDeclaration,
  fixtures: FixtureFacts,
  fixture: string,
): ExpectationRule {
  const root = fixtures.rootOf(fixture);
  const trusted = root !== null && target.trusts.includes(root);
  const chain = describeChain(fixture, fixtures);
  return trusted
    ? { expected: 'accepted', because: `${describeTrust(target)}; ${chain}` }
    : {
        expected: 'rejected',
        because: `${describeTrust(target)}; ${chain}${root === null ? '' : `, which it does not trust`}`,
      };
}

/** The expectation for the target's trusted identity: its own bring-your-own one, else tpp1. */
export function trustedIdentityRule(target: TargetDeclaration, fixtures: FixtureFacts): ExpectationRule {
  if (target.trustedIdentity !== undefined) {
    return {
      expected: 'accepted',
      because: `the target names its own trusted identity (${target.trustedIdentity})`,
    };
  }
  return acceptedIfRootTrusted(target, fixtures, TRUSTED_FIXTURE);
}

/**
 * Rejected whatever the target trusts, for a reason that lies in the certificate itself. The line says
 * whether the target trusts the certificate's root, so a person sees that trust alone must not let it in.
 */
export function rejectedDespiteIssuer(
  target: TargetDeclaration,
  fixtures: FixtureFacts,
  fixture: string,
  flaw: string,
): ExpectationRule {
  const root = fixtures.rootOf(fixture);
  const trust =
    root !== null && target.trusts.includes(root)
      ? `refused even though ${describeTrust(target)}`
      : `${describeTrust(target)}`;
  return { expected: 'rejected', because: `${describeChain(fixture, fixtures)} but ${flaw}; ${trust}` };
}

/**
 * The fixtures that can play "a client the target accepts", first choice first: tpp1 (ca1), then tpp2
 * (ca2, the seed's second TPP). A scenario that tests something else than trust (a TLS version) must
 * present one of them that the target trusts, or the target's trust refusal would pass for the thing
 * tested: nginx trusting only ca2 answers tpp1 over TLS 1.0 with HTTP 400, after negotiating TLS 1.0.
 */
export const acceptedClientFixtures: readonly [string, ...string[]] = [TRUSTED_FIXTURE, 'tpp2'];

/** The first of acceptedClientFixtures whose root CA the target trusts; tpp1 when none is. */
export function acceptedClientFixture(target: TargetDeclaration, fixtures: FixtureFacts): string {
  for (const fixture of acceptedClientFixtures) {
    const root = rootIfPresent(fixtures, fixture);
    if (typeof root === 'string' && target.trusts.includes(root)) return fixture;
  }
  return TRUSTED_FIXTURE;
}

/** The expectation for the `accepted-identity` presentation: its own identity, else acceptedClientFixture. */
export function acceptedIdentityRule(target: TargetDeclaration, fixtures: FixtureFacts): ExpectationRule {
  if (target.trustedIdentity !== undefined) return trustedIdentityRule(target, fixtures);
  return acceptedIfRootTrusted(target, fixtures, acceptedClientFixture(target, fixtures));
}

// A custom fixture spec may lack tpp2; the fixture set's lookup throws for a name it lacks.
function rootIfPresent(fixtures: FixtureFacts, fixture: string): string | null | undefined {
  try {
    return fixtures.rootOf(fixture);
  } catch {
    return undefined;
  }
}
