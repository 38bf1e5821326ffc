import type { FixtureSet } from '../pki/fixture-set.ts';
import { ocspUrlOf } from '../pki/ocsp-url-of.ts';
import type { TargetDeclaration } from '../scenarios/scenario.ts';
import { StartedTargetHandle } from './started-target-handle.ts';
import type { StartedTarget, TargetProvider } from './target-provider.ts';

/** The fixture whose authorityInfoAccess names where the harness's OCSP responder must listen. */
export const OCSP_URL_FIXTURE = 'ocsp-client';

/**
 * An endpoint that already runs (a partner's gateway): nothing is started or stopped, except, when it
 * declares `revocation.ocsp`, the harness's OCSP responder on the port the fixtures' authorityInfoAccess
 * names (the gateway asks the URL its client certificates carry; the spec's `ocspUrl` sets it).
 */
export class UrlTargetProvider implements TargetProvider {
  readonly kind = 'url';

  constructor(
    private readonly declaration: TargetDeclaration,
    private readonly fixtures?: Pick<FixtureSet, 'dir' | 'names' | 'certificatePem'>,
  ) {}

  async start(): Promise<StartedTarget> {
    const responder = await this.#startResponder();
    return new StartedTargetHandle({
      kind: this.kind,
      declaration: this.declaration,
      startMs: 0,
      ...(responder === undefined ? {} : { ocsp: responder }),
      teardown: () => responder?.close() ?? Promise.resolve(),
    });
  }

  async #startResponder() {
    const ocsp = this.declaration.revocation?.ocsp ?? 'off';
    const fixtures = this.fixtures;
    if (ocsp === 'off' || fixtures === undefined || !fixtures.names().includes(OCSP_URL_FIXTURE))
      return undefined;
    const url = ocspUrlOf(fixtures.certificatePem(OCSP_URL_FIXTURE));
    // loadConfig refused a declared OCSP whose fixtures carry no URL (checkRevocationFixtures).
    if (url === undefined) return undefined;
    const { hostname, port } = new URL(url);
    if (hostname !== '127.0.0.1' && hostname !== 'localhost') return undefined;
    // Loaded here: the OCSP and CRL parsers (@peculiar/*) cost every run ~0.1 s to load, and few need them.
    const [{ startOcspResponder }, { readOcspAuthorities }] = await Promise.all([
      import('../servers/ocsp-responder.ts'),
      import('../pki/read-ocsp-authorities.ts'),
    ]);
    return startOcspResponder(await readOcspAuthorities(fixtures.dir), { port: Number(port || 80) });
  }
}
