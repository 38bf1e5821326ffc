import type { SecureVersion } from 'node:tls';
import { summarizeObservation } from '../../harness/gateways/summarize-observation.ts';
import type { FixtureSet } from '../../harness/pki/fixture-set.ts';
import type { Observation } from '../../harness/probe/observation.ts';
import { probeTarget } from '../../harness/probe/probe-target.ts';
import { curlVerdict, type CurlVerdict } from './curl-verdict.ts';

/** What a client presents in a refusal matrix: `none`, a fixture, or `<fixture>-nochain` (without its intermediates). */
export type MatrixClient = string;

/** One client over one version: what the probe saw (summarized) and whether curl agreed. */
export interface MatrixCell {
  probe: string;
  observation: Observation;
  curl: CurlVerdict;
  /** Empty when curl agrees; otherwise why not. */
  disagreement: string;
}

const curlVersion: Record<SecureVersion, '1.0' | '1.1' | '1.2' | '1.3'> = {
  TLSv1: '1.0',
  'TLSv1.1': '1.1',
  'TLSv1.2': '1.2',
  'TLSv1.3': '1.3',
};

/**
 * Presents each client to `url` over `version`, with the probe and with curl (a client nobody here
 * wrote), one after the other. `<fixture>-nochain` presents the fixture without its intermediates.
 */
export async function measureRefusals(
  fixtures: FixtureSet,
  url: string,
  clients: readonly MatrixClient[],
  version: SecureVersion,
): Promise<Record<string, MatrixCell>> {
  const cells: Record<string, MatrixCell> = {};
  for (const client of clients) {
    const fixture = client.replace(/-nochain$/, '');
    const withChain = !client.endsWith('-nochain');
    const observation = await probeTarget({
      url,
      ...(client === 'none' ? {} : { identity: fixtures.identity(fixture, { withChain }) }),
      minVersion: version,
      maxVersion: version,
      acceptableCaNames: 'skip',
    });
    const cert =
      client === 'none'
        ? {}
        : {
            cert:
              withChain && fixtures.manifest.identities.find((i) => i.name === fixture)?.files.chain
                ? fixtures.path(fixture, 'chain')
                : fixtures.path(fixture, 'crt'),
            key: fixtures.path(fixture, 'key'),
          };
    const curl = await curlVerdict(url, { ...cert, tls: curlVersion[version] });
    cells[client] = {
      probe: summarizeObservation(observation),
      observation,
      curl,
      disagreement: disagreement(observation, curl),
    };
  }
  return cells;
}

/** Client → the probe's summary: what a test compares with the documented row. */
export function probeSummaries(cells: Record<string, MatrixCell>): Record<string, string> {
  return Object.fromEntries(Object.entries(cells).map(([client, cell]) => [client, cell.probe]));
}

/** Client → disagreement, for the clients where curl and the probe disagree. */
export function disagreements(cells: Record<string, MatrixCell>): Record<string, string> {
  return Object.fromEntries(
    Object.entries(cells)
      .filter(([, cell]) => cell.disagreement !== '')
      .map(([client, cell]) => [client, cell.disagreement]),
  );
}

/**
 * curl agrees when it got an HTTP answer exactly where the probe saw the client accepted or refused by
 * HTTP status, and, where its error names a TLS alert (`tlsv1 alert unknown ca`), it is the probe's.
 */
function disagreement(observation: Observation, curl: CurlVerdict): string {
  const probeGotHttp = observation.http !== undefined;
  if (curl.kind === 'http') {
    if (!probeGotHttp) return `curl got HTTP ${curl.status}, the probe ${observation.reason}`;
    return curl.status === observation.http?.status
      ? ''
      : `curl got HTTP ${curl.status}, the probe ${observation.http?.status}`;
  }
  if (probeGotHttp)
    return `curl failed (${curl.exitCode} ${curl.error}), the probe got HTTP ${observation.http?.status}`;
  const named = /alert ([a-z ]+?)(?:,|$)/.exec(curl.error)?.[1]?.trim().replace(/ /g, '_');
  if (named !== undefined && observation.alert !== undefined && named !== observation.alert.name) {
    return `curl saw alert ${named}, the probe ${observation.alert.name}`;
  }
  if (named !== undefined && observation.alert === undefined)
    return `curl saw alert ${named}, the probe none`;
  return '';
}
