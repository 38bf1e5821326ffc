import type { FixtureSet } from '../pki/fixture-set.ts';
import { ocspUrlOf } from '../pki/ocsp-url-of.ts';
import type { ConfigProblem } from './config-problem.ts';
import type { TargetConfig } from './config-types.ts';

/** The client whose certificate must name the OCSP responder for a gateway of yours. */
const OCSP_FIXTURE = 'ocsp-client';

/**
 * Declared OCSP checking the fixture set cannot serve, found before any target starts: a `url` target
 * asks the OCSP URL its clients' certificates carry, so they must carry one (authorityInfoAccess) on
 * 127.0.0.1, where the harness starts its responder; a container cannot reach the harness's loopback.
 */
export function revocationFixtureProblems(
  targets: readonly TargetConfig[],
  fixtures: Pick<FixtureSet, 'dir' | 'names' | 'certificatePem'>,
): ConfigProblem[] {
  const problems: ConfigProblem[] = [];
  // The same for every target: read from ocsp-client.crt once, and only when a url target needs it.
  let fixturesOcspUrl: { url: string | undefined } | undefined;
  const ocspUrlOfFixtures = (): string | undefined =>
    (fixturesOcspUrl ??= {
      url: fixtures.names().includes(OCSP_FIXTURE)
        ? ocspUrlOf(fixtures.certificatePem(OCSP_FIXTURE))
        : undefined,
    }).url;
  for (const target of targets) {
    const ocsp = target.revocation?.ocsp ?? 'off';
    if (ocsp === 'off') continue;
    const path = ['targets', target.index, 'revocation', 'ocsp'];
    if (target.provider === 'container') {
      problems.push({
        path,
        message: `"${ocsp}" cannot be served to a container: the harness's OCSP responder listens on this machine's 127.0.0.1. Use provider nginx, or declare ocsp: off`,
      });
      continue;
    }
    if (target.provider !== 'url') continue;
    const url = ocspUrlOfFixtures();
    if (url === undefined) {
      problems.push({
        path,
        message: `"${ocsp}" needs the client certificates to name an OCSP responder (authorityInfoAccess), and ${OCSP_FIXTURE}.crt in ${fixtures.dir} names none. Generate the fixtures from a spec that gives its clients ocspUrl: http://127.0.0.1:PORT/ (docs/revocation.md), or declare ocsp: off`,
      });
    } else if (!/^http:\/\/(127\.0\.0\.1|localhost)(:\d+)?\//.test(url)) {
      problems.push({
        path,
        message: `"${ocsp}": ${OCSP_FIXTURE}.crt names the OCSP responder ${url}, where the harness cannot listen; give the spec's clients ocspUrl: http://127.0.0.1:PORT/`,
      });
    }
  }
  return problems;
}
