import type { SecureVersion } from 'node:tls';
import type { FixtureSet } from '../pki/fixture-set.ts';
import { probeTarget } from '../probe/probe-target.ts';
import type { Expectation, Suite, Verdict } from '../report/run-results.ts';
import { runConformance } from '../runner/run-conformance.ts';
import type { SuitePlanner } from '../runner/suite-planner.ts';
import { createTargetProvider } from '../targets/create-target-provider.ts';
import type { StartedTarget, TargetProvider } from '../targets/target-provider.ts';
import { referenceDeclaration, referenceGateways, type ReferenceGateway } from './reference-gateways.ts';
import { summarizeObservation, summarizeScenario } from './summarize-observation.ts';

export interface MeasureGatewayBehaviourParams {
  /** A set made with the built-in spec (or one that extends it): its client fixtures are the rows. */
  fixtures: FixtureSet;
  /** Opens the set's PKCS#12 files (bad-keystore-password). */
  fixturePassphrase: string;
  /** The suites' planners (suites/index.ts); the server suite is run. */
  planners: Readonly<Partial<Record<Suite, SuitePlanner>>>;
  /** Default: referenceGateways. */
  gateways?: readonly ReferenceGateway[];
}

/** One scenario of the server catalogue, against every gateway measured. */
export interface ScenarioRow {
  id: string;
  title: string;
  expected: Expectation;
  /** Gateway id → verdict and what was seen. */
  cells: Record<string, { verdict: Verdict; seen: string }>;
}

/** One client fixture (or none) over one TLS version, against every gateway measured. */
export interface FixtureRow {
  /** Fixture name, or null for a client that presents no certificate. */
  fixture: string | null;
  description: string;
  version: SecureVersion;
  /** Gateway id → what was seen. */
  cells: Record<string, string>;
}

export interface GatewayBehaviour {
  /** The gateways that started, in column order. */
  gateways: ReferenceGateway[];
  /** The gateways that could not be started here, and why (a binary not installed). */
  missing: { gateway: ReferenceGateway; reason: string }[];
  scenarios: ScenarioRow[];
  fixtures: FixtureRow[];
}

/** The versions every fixture is presented over. */
export const FIXTURE_ROW_VERSIONS: readonly SecureVersion[] = ['TLSv1.2', 'TLSv1.3'];

/**
 * Starts every reference gateway from `fixtures`, each trusting ca1 and configured to pass, then runs
 * the whole server catalogue against all of them and presents every client fixture of the set (and
 * no certificate) to each over TLS 1.2 and TLS 1.3. The rows come from the catalogue and the fixture
 * set, so a new scenario or client fixture appears in the table without a change here.
 */
export async function measureGatewayBehaviour(
  params: MeasureGatewayBehaviourParams,
): Promise<GatewayBehaviour> {
  const { fixtures } = params;
  const gateways = params.gateways ?? referenceGateways;
  const startedAll = await Promise.allSettled(
    gateways.map((gateway) =>
      createTargetProvider(gateway.spec(referenceDeclaration(gateway)), fixtures).start(),
    ),
  );
  const started: { gateway: ReferenceGateway; target: StartedTarget }[] = [];
  const missing: GatewayBehaviour['missing'] = [];
  startedAll.forEach((outcome, index) => {
    const gateway = gateways[index]!;
    if (outcome.status === 'fulfilled') started.push({ gateway, target: outcome.value });
    else missing.push({ gateway, reason: errorMessage(outcome.reason) });
  });
  try {
    const fixtureRows = await measureFixtures(fixtures, started);
    const scenarioRows = await measureCatalogue(params, started);
    return {
      gateways: started.map((entry) => entry.gateway),
      missing,
      scenarios: scenarioRows,
      fixtures: fixtureRows,
    };
  } finally {
    await Promise.allSettled(started.map((entry) => entry.target.stop()));
  }
}

async function measureCatalogue(
  params: MeasureGatewayBehaviourParams,
  started: readonly { gateway: ReferenceGateway; target: StartedTarget }[],
): Promise<ScenarioRow[]> {
  const results = await runConformance({
    fixtures: params.fixtures,
    fixturePassphrase: params.fixturePassphrase,
    planners: params.planners,
    concurrency: 8,
    timeouts: {},
    targets: started.map(({ target }) => ({
      declaration: target.declaration,
      suite: 'server',
      selection: {},
      serverCa: { fixture: 'ca1' },
      provider: alreadyStarted(target),
    })),
  });
  const rows = new Map<string, ScenarioRow>();
  results.targets.forEach((target, index) => {
    const gateway = started[index]!.gateway;
    for (const scenario of target.scenarios) {
      const row = rows.get(scenario.id) ?? {
        id: scenario.id,
        title: scenario.title,
        expected: scenario.expected,
        cells: {},
      };
      row.cells[gateway.id] = { verdict: scenario.verdict, seen: summarizeScenario(scenario) };
      rows.set(scenario.id, row);
    }
  });
  return [...rows.values()];
}

async function measureFixtures(
  fixtures: FixtureSet,
  started: readonly { gateway: ReferenceGateway; target: StartedTarget }[],
): Promise<FixtureRow[]> {
  const clients = fixtures.manifest.identities.filter((identity) => identity.role === 'client');
  const presentations = [
    { fixture: null, description: 'no client certificate' },
    ...clients.map((identity) => ({ fixture: identity.name, description: identity.description ?? '' })),
  ];
  const rows: FixtureRow[] = [];
  for (const version of FIXTURE_ROW_VERSIONS) {
    for (const presentation of presentations) rows.push({ ...presentation, version, cells: {} });
  }
  // Gateways side by side; each one's probes one after another.
  await Promise.all(
    started.map(async ({ gateway, target }) => {
      for (const row of rows) {
        const observed = await probeTarget({
          url: target.url,
          ...(row.fixture === null ? {} : { identity: fixtures.identity(row.fixture) }),
          minVersion: row.version,
          maxVersion: row.version,
          acceptableCaNames: 'skip',
        });
        row.cells[gateway.id] = summarizeObservation(observed);
      }
    }),
  );
  return rows;
}

/** The runner stops what it starts; these stay up for the fixture rows and are stopped here. */
function alreadyStarted(target: StartedTarget): TargetProvider {
  return {
    kind: target.kind,
    start: () =>
      Promise.resolve({
        kind: target.kind,
        name: target.name,
        url: target.url,
        declaration: target.declaration,
        startMs: target.startMs,
        stop: () => Promise.resolve(),
        [Symbol.asyncDispose]: () => Promise.resolve(),
      }),
  };
}

function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
