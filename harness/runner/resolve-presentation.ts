import type { ClientIdentity } from '../pki/client-identity.ts';
import type { ClientPresentation } from '../scenarios/client-presentation.ts';
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
    case 'fixture': {
      const { fixtures } = context;
      const identity = fixtures.identity(presents.fixture, { withChain: presents.withChain });
      const chained = presents.withChain && identity.chainPems.length > 0;
      return {
        identity,
        files: {
          certFile: fixtures.path(presents.fixture, 'crt'),
          keyFile: fixtures.path(presents.fixture, 'key'),
          ...(chained
            ? { chainFile: fixtures.path(presents.fixture, 'chain'), chainFileStartsWithLeaf: true }
            : {}),
        },
      };
    }
  }
}
