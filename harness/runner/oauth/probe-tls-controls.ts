import { documentRequest } from './oauth-requests.ts';
import type { Observation } from '../../probe/observation.ts';
import type { ProbeOptions } from '../../probe/probe-options.ts';
import type { TargetContext } from '../target-context.ts';
import { resolvePresentation } from '../resolve-presentation.ts';
import type { TlsControls } from './tls-passage.ts';

/** A client certificate from rogue-ca, a CA no target should trust: the control for "verifies". */
const unverifiableFixture = 'rogue';

/**
 * The TLS controls of tls-passage.ts for a session's token endpoint: a GET of the endpoint's origin `/`
 * (not the token endpoint itself, whose requests a test counts) without a certificate, and one with
 * rogue's, unless the target is declared to trust rogue-ca or the fixture set has no rogue. Undefined
 * when the run was interrupted.
 */
export async function probeTlsControls(
  context: TargetContext,
  tokenUrl: string,
  probe: (options: ProbeOptions) => Promise<Observation | undefined>,
): Promise<TlsControls | undefined> {
  const url = new URL('/', tokenUrl).href;
  const ca = rootOf(context, unverifiableFixture);
  const usable = ca !== undefined && !context.declaration.trusts.includes(ca);
  const [withoutCertificate, unverifiable] = await Promise.all([
    probe(documentRequest(context, url)),
    usable
      ? probe(
          documentRequest(
            context,
            url,
            resolvePresentation({ kind: 'fixture', fixture: unverifiableFixture, withChain: true }, context),
          ),
        )
      : Promise.resolve(null),
  ]);
  if (withoutCertificate === undefined || unverifiable === undefined) return undefined;
  return {
    withoutCertificate,
    ...(unverifiable === null || ca === undefined
      ? {}
      : { unverifiable: { fixture: unverifiableFixture, ca, observation: unverifiable } }),
  };
}

// A custom fixture spec may lack the fixture; its lookup then throws.
function rootOf(context: TargetContext, fixture: string): string | undefined {
  try {
    return context.fixtures.rootOf(fixture) ?? undefined;
  } catch {
    return undefined;
  }
}
