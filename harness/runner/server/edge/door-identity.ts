import type { SharedName } from '../../../scenarios/edge/edge-declaration.ts';
import { resolvePresentation, type PresentedIdentity } from '../../resolve-presentation.ts';
import type { TargetContext } from '../../target-context.ts';

// The valid clients of the fixture set (harness/pki/default-fixture-spec.ts), in the order tried.
const validClients = ['tpp1', 'tpp2', 'tpp3'];

/** What a client presents when it comes in through another site of the target's address. */
export type DoorIdentity =
  { fixture: string; presented: PresentedIdentity } | { fixture: null; presented: undefined; why: string };

/**
 * For an ordinary site, nothing (it asks for no certificate). For an mTLS site, a fixture client that
 * site accepts and the target does not: a session or a handshake it verified must not open the
 * target's door. When every client it accepts the target accepts too, nothing.
 */
export function doorIdentity(shared: SharedName, context: TargetContext): DoorIdentity {
  if (!shared.mtls)
    return { fixture: null, presented: undefined, why: `${shared.name} asks for no certificate` };
  const { fixtures, declaration } = context;
  const fixture = validClients.find((name) => {
    if (!fixtures.names().includes(name)) return false;
    const root = fixtures.rootOf(name);
    return root !== null && (shared.trusts ?? []).includes(root) && !declaration.trusts.includes(root);
  });
  if (fixture === undefined) {
    return {
      fixture: null,
      presented: undefined,
      why: `every client ${shared.name} accepts [${(shared.trusts ?? []).join(', ')}] the target accepts too`,
    };
  }
  return { fixture, presented: resolvePresentation({ kind: 'fixture', fixture, withChain: true }, context)! };
}
