import { isHarnessError } from '../common/harness-error.ts';
import type { FixtureSet } from '../pki/fixture-set.ts';
import type { IdentitySource } from '../pki/load-identity.ts';
import type { ProbeTimeouts } from '../probe/probe-options.ts';
import type { RunResults, Suite, TargetResult, VerdictCounts } from '../report/run-results.ts';
import type { TargetDeclaration } from '../scenarios/scenario.ts';
import type { StartedTarget, TargetProvider } from '../targets/target-provider.ts';
import type { RunReporter } from '../report/run-reporter.ts';
import { BoundedPool } from './bounded-pool.ts';
import type { ClientUnderTest } from './client/client-under-test.ts';
import { createIdentityLoader, type IdentityLoader } from './identity-loader.ts';
import type { PlannedTarget } from './planned-run.ts';
import { runOnMocha } from './run-on-mocha.ts';
import type { ScenarioSelection, SuitePlanner } from './suite-planner.ts';
import type { TargetContext, TrustedIdentity } from './target-context.ts';
import type { TargetCredentials } from './target-credentials.ts';
import { loadTrustStore } from '../pki/load-trust-store.ts';
import { shellQuote } from '../report/shell-quote.ts';
import { toolVersion } from '../common/tool-version.ts';
import { checkReachable } from '../probe/check-reachable.ts';
import { ProbeWorkerPool } from '../probe/probe-worker-pool.ts';
import type { SessionJournal } from './session-journal.ts';
import { registerRunSecrets } from './register-run-secrets.ts';

/** One target of a run, after config and flags have been resolved. */
export interface RunTargetSpec {
  /** The declaration; its `url` is replaced by the started target's URL where the provider picks one. */
  declaration: TargetDeclaration;
  suite: Suite;
  provider: TargetProvider;
  /** Bring-your-own identity for the trusted-client role; fixture tpp1 when absent. */
  identity?: IdentitySource;
  selection: ScenarioSelection;
  servername?: string;
  /**
   * `serverCa` resolved: a fixture name, or a file: PEM, or a Java truststore (JKS, PKCS#12) opened
   * with `password` (named by `passwordSource` when it is wrong).
   */
  serverCa?: { fixture: string } | { file: string; password?: string; passwordSource?: string };
  /** The HTTP credentials of a target that declares `auth:`, read from the environment. Never reported. */
  credentials?: TargetCredentials;
  /** For a `suite: client` target: the client under test, which each scenario runs against its own mock server. */
  clientUnderTest?: ClientUnderTest;
}

export interface ConformanceRunOptions {
  fixtures: FixtureSet;
  /** Opens the fixture PKCS#12 files (the bad-keystore-password scenario). Never reported. */
  fixturePassphrase: string;
  targets: readonly RunTargetSpec[];
  planners: Readonly<Partial<Record<Suite, SuitePlanner>>>;
  /** Probes in flight at once across all targets. */
  concurrency: number;
  /**
   * Worker threads that carry the probes out (ProbeWorkerPool), started as the probes need them; 0 or
   * absent: every probe runs in the calling thread. The CLI's default is the machine's cores.
   */
  workers?: number;
  /**
   * With `workers`: probes run in the calling thread until it is the limit with a core idle, and only
   * then go to the workers (ProbeWorkerPool's `on-spare-core`). The CLI's default when `--workers` is
   * not given. Default false: workers from the first probe.
   */
  workersOnSpareCore?: boolean;
  timeouts: Partial<ProbeTimeouts>;
  /**
   * Aborting stops new probes and cancels those in flight; what finished is still returned, the rest
   * is `not-run`.
   */
  signal?: AbortSignal;
  /** Progress: run start (planned counts), each scenario's end, run end. */
  reporter?: RunReporter;
  /**
   * Opens bring-your-own identities and keystores, each once (createIdentityLoader). Pass the one a
   * caller used to check them before the run, so they are not opened again. Default: a new one.
   */
  identityLoader?: IdentityLoader;
  /**
   * TLS sessions kept across runs (resumed-after-trust-change): the baseline's to offer again, and this
   * run's to record. The caller writes them out after the run. Default: none kept.
   */
  sessionJournal?: SessionJournal;
}

/**
 * Starts the targets, runs each target's suite on Mocha with a bounded pool of probes, stops the
 * targets, and returns the results. Throws HarnessError only for what stops the whole run (a provider
 * that cannot start for a reason the user must fix, such as a missing nginx or Docker engine).
 */
export async function runConformance(options: ConformanceRunOptions): Promise<RunResults> {
  const startedAt = new Date().toISOString();
  registerRunSecrets(options);
  const pool = new BoundedPool(options.concurrency);
  // Closed however the run ends, a target that cannot start included.
  await using probeWorkers = startProbeWorkers(options);
  // The workers load their modules while the targets start.
  probeWorkers?.prestart();
  const identityLoader = options.identityLoader ?? createIdentityLoader();
  const stopPool = () => pool.stop();
  // An 'abort' listener added after the fact never fires: a signal that came during setup stops it now.
  if (options.signal?.aborted) stopPool();
  else options.signal?.addEventListener('abort', stopPool, { once: true });
  const started = await startTargets(options.targets);
  try {
    const reached = await checkReachability(options.targets, started, options, pool);
    const planned: PlannedTarget[] = [];
    for (const [index, spec] of options.targets.entries()) {
      planned.push(await planTarget(spec, reached[index]!, options, pool, identityLoader, probeWorkers));
    }
    const reporter = options.reporter ?? {};
    reporter.onRunStart?.({
      targets: planned.length,
      scenarios: planned.reduce((sum, target) => sum + target.scenarios.length, 0),
    });
    const targets = await runOnMocha(planned, {
      onScenario: (target, result) => reporter.onScenarioEnd?.(target, result),
    });
    const results: RunResults = {
      version: 1,
      tool: { name: 'mtls-conformance', version: toolVersion },
      startedAt,
      finishedAt: new Date().toISOString(),
      interrupted: options.signal?.aborted ?? false,
      targets,
      summary: countVerdicts(targets),
    };
    reporter.onRunEnd?.(results);
    return results;
  } finally {
    options.signal?.removeEventListener('abort', stopPool);
    await Promise.allSettled(
      started.flatMap((target) => ('started' in target ? [target.started.stop()] : [])),
    );
  }
}

function startProbeWorkers(options: ConformanceRunOptions): ProbeWorkerPool | undefined {
  if (!options.workers) return undefined;
  const { reporter } = options;
  if (!options.workersOnSpareCore) {
    reporter?.onWorkersStarted?.({ count: options.workers, why: `--workers ${options.workers}` });
    return new ProbeWorkerPool(options.workers);
  }
  const pool = new ProbeWorkerPool(options.workers, {
    start: 'on-spare-core',
    onSpareCore: () =>
      reporter?.onWorkersStarted?.({
        count: pool.size,
        why: 'the main thread was the limit and a core stood idle',
      }),
  });
  return pool;
}

type StartOutcome = { started: StartedTarget } | { error: string };

/**
 * One TCP connection to each endpoint the harness did not start, all at once through the pool, before
 * any scenario: an endpoint nothing answers on becomes the target's one error (JUnit `<error>`), not
 * as many failures as the catalogue has scenarios. Started targets answered TLS already; a client
 * target's URL names the client under test, not an endpoint.
 */
async function checkReachability(
  specs: readonly RunTargetSpec[],
  started: readonly StartOutcome[],
  options: ConformanceRunOptions,
  pool: BoundedPool,
): Promise<StartOutcome[]> {
  return Promise.all(
    started.map(async (start, index) => {
      const spec = specs[index]!;
      if (!('started' in start) || spec.provider.kind !== 'url' || spec.suite === 'client') return start;
      const reachability = await pool.submit(() =>
        checkReachable({
          url: start.started.url,
          timeouts: options.timeouts,
          ...(options.signal ? { signal: options.signal } : {}),
        }),
      );
      return reachability === undefined || reachability.reachable ? start : { error: reachability.reason };
    }),
  );
}

async function startTargets(specs: readonly RunTargetSpec[]): Promise<StartOutcome[]> {
  const settled = await Promise.allSettled(specs.map((spec) => spec.provider.start()));
  const fatal = settled.find(
    (outcome): outcome is PromiseRejectedResult =>
      outcome.status === 'rejected' && isHarnessError(outcome.reason),
  );
  if (fatal) {
    await Promise.allSettled(
      settled.flatMap((outcome) => (outcome.status === 'fulfilled' ? [outcome.value.stop()] : [])),
    );
    throw fatal.reason;
  }
  return settled.map((outcome) =>
    outcome.status === 'fulfilled'
      ? { started: outcome.value }
      : { error: outcome.reason instanceof Error ? outcome.reason.message : String(outcome.reason) },
  );
}

async function planTarget(
  spec: RunTargetSpec,
  start: StartOutcome,
  options: ConformanceRunOptions,
  pool: BoundedPool,
  identityLoader: IdentityLoader,
  probeWorkers: ProbeWorkerPool | undefined,
): Promise<PlannedTarget> {
  const base = {
    name: spec.declaration.name,
    suite: spec.suite,
    trusts: [...spec.declaration.trusts],
    provider: spec.provider.kind,
    ...(spec.declaration.serverCa !== undefined ? { serverCa: spec.declaration.serverCa } : {}),
  };
  if ('error' in start) return { ...base, url: spec.declaration.url, error: start.error, scenarios: [] };
  const declaration: TargetDeclaration = { ...spec.declaration, url: start.started.url };
  const context: TargetContext = {
    declaration,
    fixtures: options.fixtures,
    trustedIdentity: await trustedIdentity(spec, options, identityLoader),
    identityLoader,
    ...(await serverTrust(spec, options.fixtures)),
    ...(spec.servername ? { servername: spec.servername } : {}),
    timeouts: options.timeouts,
    ...(spec.clientUnderTest ? { clientUnderTest: spec.clientUnderTest } : {}),
    ...(options.signal ? { signal: options.signal } : {}),
    ...(spec.credentials ? { credentials: spec.credentials } : {}),
    ...(start.started.backend ? { backend: start.started.backend } : {}),
    ...(start.started.ocsp ? { ocsp: start.started.ocsp } : {}),
    ...(options.sessionJournal ? { sessions: options.sessionJournal.forTarget(spec.declaration.name) } : {}),
    ...(probeWorkers ? { probe: probeWorkers.probe } : {}),
  };
  const planner = options.planners[spec.suite];
  if (!planner) {
    return {
      ...base,
      url: declaration.url,
      error: `no suite named "${spec.suite}" is available`,
      scenarios: [],
    };
  }
  return {
    ...base,
    url: declaration.url,
    startMs: start.started.startMs,
    scenarios: planner(context, spec.selection, pool),
  };
}

async function trustedIdentity(
  spec: RunTargetSpec,
  options: ConformanceRunOptions,
  identityLoader: IdentityLoader,
): Promise<TrustedIdentity> {
  if (spec.identity) {
    const identity = await identityLoader(spec.identity);
    if ('p12File' in spec.identity) {
      return {
        identity,
        files: { certFile: spec.identity.p12File, keyFile: spec.identity.p12File },
        p12: { file: spec.identity.p12File, passphrase: spec.identity.passphrase },
      };
    }
    if ('keystoreFile' in spec.identity) {
      // curl reads no JKS: the reproduce command converts it first, as the MuleSoft seed does for Postman.
      const file = spec.identity.keystoreFile;
      const converted = `${file}.p12`;
      const alias = spec.identity.alias === undefined ? '' : ` -srcalias ${shellQuote(spec.identity.alias)}`;
      return {
        identity,
        files: {
          certFile: converted,
          keyFile: converted,
          setup: `keytool -importkeystore -srckeystore ${shellQuote(file)}${alias} -destkeystore ${shellQuote(converted)} -deststoretype PKCS12`,
        },
        keystore: spec.identity,
      };
    }
    return {
      identity,
      files: {
        certFile: spec.identity.certFile,
        keyFile: spec.identity.keyFile,
        ...(spec.identity.chainFile ? { chainFile: spec.identity.chainFile } : {}),
      },
    };
  }
  const { fixtures } = options;
  return {
    identity: fixtures.identity('tpp1'),
    files: { certFile: fixtures.path('tpp1', 'crt'), keyFile: fixtures.path('tpp1', 'key') },
    p12: { file: fixtures.path('tpp1', 'p12'), passphrase: options.fixturePassphrase },
  };
}

async function serverTrust(
  spec: RunTargetSpec,
  fixtures: FixtureSet,
): Promise<Pick<TargetContext, 'serverTrust'>> {
  if (!spec.serverCa) return {};
  if ('fixture' in spec.serverCa) {
    const name = spec.serverCa.fixture;
    return { serverTrust: { pem: fixtures.certificatePem(name), file: fixtures.path(name, 'crt') } };
  }
  // A PEM bundle, or a Java truststore (WSO2's client-truststore.jks): loadTrustStore tells them apart.
  const { file, password, passwordSource } = spec.serverCa;
  const store = await loadTrustStore(file, password, passwordSource);
  return { serverTrust: { pem: store.pem, file, format: store.format } };
}

export function countVerdicts(targets: readonly TargetResult[]): VerdictCounts {
  const counts: VerdictCounts = { pass: 0, fail: 0, skip: 0, notRun: 0, undecided: 0 };
  for (const target of targets) {
    for (const scenario of target.scenarios) {
      if (scenario.verdict === 'not-run') counts.notRun += 1;
      else counts[scenario.verdict] += 1;
      if (scenario.verdict === 'fail' && scenario.undecided === true) counts.undecided += 1;
    }
  }
  return counts;
}
