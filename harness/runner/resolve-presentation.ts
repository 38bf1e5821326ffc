import type { ClientIdentity } from '../pki/client-identity.ts';
import type { ClientPresentation } from '../scenarios/client-presentation.ts';
import { acceptedClientFixture } from '../scenarios/trust-rules.ts';
import type { IdentityFiles } from './identity-files.ts';
import type { TargetContext } from './target-context.ts';

/** An identity to present, with the files that reproduce it by hand. */
export interface PresentedIdentity {
  identity: ClientIdentity;
  files: IdentityFiles;
}

/** Turns a scenario's "client presents" into an identity, or undefined for "nothing". */
export function resolvePresentation(
  presents: ClientPresentation,
  context: TargetContext,
): PresentedIdentity | undefined {
  switch (presents.kind) {
    case 'nothing':
      return undefined;
    case 'trusted-identity':
      return { identity: context.trustedIdentity.identity, files: context.trustedIdentity.files };
    case 'accepted-identity':
      // Its own identity is the one the target names; else a fixture of a CA it trusts (tpp2 for [ca2]).
      return context.declaration.trustedIdentity !== undefined
        ? { identity: context.trustedIdentity.identity, files: context.trustedIdentity.files }
        : fixturePresentation(acceptedClientFixture(context.declaration, context.fixtures), true, context);
    case 'fixture':
      return fixturePresentation(presents.fixture, presents.withChain, context);
  }
}

function fixturePresentation(fixture: string, withChain: boolean, context: TargetContext): PresentedIdentity {
  const { fixtures } = context;
  const identity = fixtures.identity(fixture, { withChain });
  const chained = withChain && identity.chainPems.length > 0;
  return {
    identity,
    files: {
      certFile: fixtures.path(fixture, 'crt'),
      keyFile: fixtures.path(fixture, 'key'),
      ...(chained ? { chainFile: fixtures.path(fixture, 'chain'), chainFileStartsWithLeaf: true } : {}),
    },
  };
}
