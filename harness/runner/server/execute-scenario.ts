import type { SecureVersion } from 'node:tls';
import { isHarnessError } from '../../common/harness-error.ts';
import { loadIdentity } from '../../pki/load-identity.ts';
import type { Observation } from '../../probe/observation.ts';
import { probeOf } from '../probe-of.ts';
import type { ExpectationRule, Scenario } from '../../scenarios/scenario.ts';
import type { ScenarioResult, ScenarioStep } from '../../report/run-results.ts';
import { undecided, type Judgement } from '../judgement.ts';
import { describeObservation, judgeObservation } from './judge-observation.ts';
import { judgeVersionRefusal } from './judge-version-refusal.ts';
import { issuerNameWithoutKey } from './issuer-name-without-key.ts';
import { resolvePresentation, type PresentedIdentity } from '../resolve-presentation.ts';
import { executeAuthScenario } from './execute-auth-scenario.ts';
import { decideSilentClose } from './decide-silent-close.ts';
import { executeBackendScenario } from './execute-backend-scenario.ts';
import { executeEdgeScenario } from './execute-edge-scenario.ts';
import { executeRevocationScenario } from './execute-revocation-scenario.ts';
import type { CarriedOut } from './carried-out.ts';
import { keystoreAttempts } from './keystore-attempts.ts';
import { reproduceFor } from './reproduce-for.ts';
import type { ScenarioAdjustment } from '../scenario-adjustment.ts';
import type { TargetContext } from '../target-context.ts';

/** Carries one scenario out against one target and judges it. Never throws for what the target did. */
export async function executeScenario(
  scenario: Scenario,
  context: TargetContext,
  adjustment: ScenarioAdjustment = {},
): Promise<ScenarioResult> {
  const started = performance.now();
  const rule = adjustment.override ?? scenario.expect(context.declaration, context.fixtures);
  const outcome = await carryOut(scenario, context, rule);
  // A probe cancelled by the run's signal saw nothing to judge: not run, like the scenarios not started.
  const judgement = wasInterrupted(outcome)
    ? {
        verdict: 'not-run' as const,
        reason: 'not run: the run was interrupted while its probe was in flight',
      }
    : outcome.judgement;
  return {
    id: scenario.id,
    title: scenario.title,
    expected: rule.expected,
    expectationBasis: adjustment.override ? `overridden by config: ${rule.because}` : rule.because,
    observed: outcome.observed,
    ...(outcome.steps ? { steps: outcome.steps } : {}),
    verdict: judgement.verdict,
    reason: judgement.reason,
    // A scenario's own causes presume its own expectation, not one the config put in its place.
    ...failureDetails(judgement, adjustment.override ? undefined : scenario, rule, context, outcome),
    ...(outcome.backend ? { backend: outcome.backend } : {}),
    ...(outcome.revocation ? { revocation: outcome.revocation } : {}),
    durationMs: Math.round(performance.now() - started),
  };
}

// What a failing result carries besides its reason: undecided or not, the likely cause, how to reproduce.
function failureDetails(
  judgement: Judgement | { verdict: 'not-run' },
  scenario: Scenario | undefined,
  rule: ExpectationRule,
  context: TargetContext,
  outcome: CarriedOut,
): Pick<ScenarioResult, 'undecided' | 'likelyCause' | 'reproduce'> {
  if (judgement.verdict !== 'fail') return {};
  const likelyCause =
    judgement.likelyCause ??
    (judgement.undecided || !outcome.observed
      ? undefined
      : scenario?.likelyCause?.({
          expected: rule.expected,
          observed: outcome.observed,
          fixturesDir: context.fixtures.dir,
        }));
  return {
    ...(judgement.undecided ? { undecided: true } : {}),
    ...(likelyCause ? { likelyCause } : {}),
    ...(outcome.reproduce ? { reproduce: outcome.reproduce } : {}),
  };
}

function wasInterrupted(outcome: CarriedOut): boolean {
  return (
    outcome.observed?.interrupted === true ||
    (outcome.steps ?? []).some((step) => step.observation?.interrupted === true)
  );
}

async function carryOut(
  scenario: Scenario,
  context: TargetContext,
  rule: ExpectationRule,
): Promise<CarriedOut> {
  switch (scenario.method) {
    case 'probe':
      return probeOnce(scenario, context, rule, scenario.tlsVersions?.[0]);
    case 'tls-versions':
      return probeEachVersion(scenario, context, rule);
    case 'keystore-password':
      return openKeystoreThenProbe(context, rule);
    case 'server-identity':
      return judgeServerIdentity(context, rule);
    case 'auth':
      return executeAuthScenario(scenario, context, rule);
    case 'backend':
      return executeBackendScenario(scenario, context, rule);
    case 'edge':
      return executeEdgeScenario(scenario, context);
    case 'revocation':
      return executeRevocationScenario(scenario, context, rule, probeOnce);
    case 'oauth':
      return Promise.resolve({
        observed: null,
        judgement: {
          verdict: 'fail',
          reason: 'an oauth scenario is carried out by the oauth suite (harness/runner/oauth/)',
        },
      });
  }
}

async function probeOnce(
  scenario: Scenario,
  context: TargetContext,
  rule: ExpectationRule,
  version: SecureVersion | undefined,
): Promise<CarriedOut> {
  const presented = resolvePresentation(scenario.presents, context);
  const observed = await probePinned(context, presented, version);
  return {
    observed,
    judgement:
      judgeVersionRefusal(rule, version, observed) ??
      judgeObservation(rule.expected, observed, context.declaration.rejectAt),
    reproduce: reproduceFor(context, presented, version),
  };
}

async function probeEachVersion(
  scenario: Scenario,
  context: TargetContext,
  rule: ExpectationRule,
): Promise<CarriedOut> {
  const versions = scenario.tlsVersions ?? [];
  const presented = resolvePresentation(scenario.presents, context);
  const steps: ScenarioStep[] = [];
  const failures: string[] = [];
  const undecidedSteps: string[] = [];
  // The observation shown is the first that failed outright, else the first undecided, else the first.
  let failed: { version: SecureVersion; observation: Observation } | undefined;
  let firstUndecided: Observation | undefined;
  for (const version of versions) {
    const observation = await probePinned(context, presented, version);
    const judgement =
      judgeVersionRefusal(rule, version, observation) ??
      judgeObservation(rule.expected, observation, context.declaration.rejectAt);
    steps.push({ label: version, observation });
    if (observation.interrupted) break;
    if (judgement.verdict !== 'fail') continue;
    const line = `${version}: ${judgement.reason}`;
    if (judgement.undecided) {
      undecidedSteps.push(line);
      firstUndecided ??= observation;
    } else {
      failures.push(line);
      failed ??= { version, observation };
    }
  }
  // A version that completed its handshake, or was let in, is a nonconformance whatever another one did;
  // only when every failing step is undecided is the scenario undecided.
  const judgement: Judgement =
    failures.length > 0
      ? { verdict: 'fail', reason: [...failures, ...undecidedSteps].join('; ') }
      : undecidedSteps.length > 0
        ? undecided(undecidedSteps.join('; '))
        : {
            verdict: 'pass',
            reason: steps.map((step) => `${step.label}: ${step.observation?.outcome ?? 'n/a'}`).join(', '),
          };
  return {
    observed: failed?.observation ?? firstUndecided ?? steps[0]?.observation ?? null,
    steps,
    judgement,
    reproduce: reproduceFor(context, presented, failed?.version ?? versions[0]),
  };
}

// The wrong password must be refused by the client side before anything is sent, with the keystore
// error a person can act on; then the right password must open it and the target must accept it.
async function openKeystoreThenProbe(context: TargetContext, rule: ExpectationRule): Promise<CarriedOut> {
  const attempts = keystoreAttempts(context.trustedIdentity);
  if (!attempts) {
    // A PEM certificate and key have no password to get wrong. Presenting tpp1.p12 instead would test
    // the fixture, not the target's identity, and fail wrongly on a target that trusts only its own CA.
    return {
      observed: null,
      judgement: {
        verdict: 'skip',
        reason: `the target's identity is PEM (${context.declaration.trustedIdentity ?? 'cert and key'}), which has no keystore password to get wrong; give identity.p12 or identity.keystore to run it`,
      },
    };
  }
  const open = context.identityLoader ?? loadIdentity;
  const steps: ScenarioStep[] = [];
  let wrongRefused = false;
  try {
    await open(attempts.wrong);
    steps.push({
      label: 'wrong password',
      observation: null,
      note: 'the keystore opened with a wrong password',
    });
  } catch (error) {
    const message = isHarnessError(error) ? error.message : String(error);
    wrongRefused = isHarnessError(error) && /password/i.test(message);
    steps.push({
      label: 'wrong password',
      observation: null,
      note: `refused by the client, nothing sent: ${message}`,
    });
  }
  let observed: Observation | null = null;
  let rightJudgement: Judgement;
  try {
    const identity = await open(attempts.right);
    observed = await probeWith(context, { identity, files: context.trustedIdentity.files }, undefined);
    rightJudgement = judgeObservation(
      rule.followUp?.expected ?? 'accepted',
      observed,
      context.declaration.rejectAt,
    );
    steps.push({ label: 'right password', observation: observed });
  } catch (error) {
    const message = isHarnessError(error) ? error.message : String(error);
    rightJudgement = { verdict: 'fail', reason: `the right password did not open the keystore: ${message}` };
    steps.push({ label: 'right password', observation: null, note: message });
  }
  const judgement: Judgement = !wrongRefused
    ? {
        verdict: 'fail',
        reason: `a wrong password was not refused with a keystore error (${steps[0]?.note ?? ''})`,
      }
    : rightJudgement.verdict === 'fail'
      ? rightJudgement
      : {
          verdict: 'pass',
          reason: `wrong password refused locally; right password ${rightJudgement.reason}`,
        };
  return {
    observed,
    steps,
    judgement,
    reproduce: reproduceFor(context, trustedPresented(context), undefined),
  };
}

async function judgeServerIdentity(context: TargetContext, rule: ExpectationRule): Promise<CarriedOut> {
  const presented = trustedPresented(context);
  const observed = await probeWith(context, presented, undefined);
  if (!context.serverTrust) {
    // Nothing to judge against: skip rather than pass, so a matrix never shows a check that was not made.
    return {
      observed,
      judgement: {
        verdict: 'skip',
        reason: `no serverCa declared: the server chain is reported, not judged${observed.tls?.serverKey === undefined ? '' : ` (server key ${observed.tls.serverKey})`}`,
      },
    };
  }
  const tls = observed.tls;
  const problems: string[] = [];
  const causes: string[] = [];
  if (!tls || tls.serverChain.length === 0) {
    problems.push(`no server certificate was seen (${describeObservation(observed)})`);
  } else {
    if (tls.serverTrusted !== true) {
      const lookAlike = issuerNameWithoutKey(tls, context);
      problems.push(
        `chain does not validate: ${tls.serverTrustError ?? 'unknown'}${lookAlike ? `; ${lookAlike}` : ''}`,
      );
      causes.push(
        lookAlike
          ? `the gateway's certificate is not from the ${context.declaration.serverCa ?? 'declared'} it names: serve one this CA issued (${context.fixtures.dir}/server.crt for the fixtures), or declare its real CA as serverCa`
          : `serverCa (${context.declaration.serverCa ?? 'declared'}) is not the CA of the server's chain, or the server does not send its intermediates`,
      );
    }
    if (tls.hostnameMatches !== true) {
      problems.push(`host name mismatch: ${tls.hostnameError ?? 'unknown'}`);
      causes.push(
        "the server certificate does not name the URL's host: set servername to a name it carries, or serve one for this host",
      );
    }
    const leaf = tls.serverChain[0];
    const now = Date.now();
    if (leaf && (Date.parse(leaf.notBefore) > now || Date.parse(leaf.notAfter) < now)) {
      problems.push(`leaf outside its validity (${leaf.notBefore} – ${leaf.notAfter})`);
      causes.push('renew the server certificate');
    }
  }
  // The server's key and signature, in every verdict: a weak key or SHA-1 shows even on a valid chain.
  const key = tls?.serverKey === undefined ? '' : ` (server key ${tls.serverKey})`;
  const judgement: Judgement =
    rule.expected === 'informational'
      ? { verdict: 'pass', reason: `reported only: ${problems.join('; ') || 'server identity valid'}${key}` }
      : problems.length > 0
        ? {
            verdict: 'fail',
            reason: `${problems.join('; ')}${key}`,
            ...(causes.length > 0 ? { likelyCause: causes.join('; ') } : {}),
          }
        : {
            verdict: 'pass',
            reason: `server chain validates to ${context.declaration.serverCa ?? 'the declared CA'} and matches the host name${key}`,
          };
  return { observed, judgement };
}

function trustedPresented(context: TargetContext): PresentedIdentity {
  return { identity: context.trustedIdentity.identity, files: context.trustedIdentity.files };
}

/**
 * A probe at the version a scenario pins: a silent close in answer to that version's ClientHello is
 * decided against a handshake at another version (decideSilentClose), as JSSE refuses TLS 1.0 and 1.1.
 */
async function probePinned(
  context: TargetContext,
  presented: PresentedIdentity | undefined,
  version: SecureVersion | undefined,
): Promise<Observation> {
  const observed = await probeWith(context, presented, version);
  if (version === undefined) return observed;
  return decideSilentClose(observed, version, context, (other) =>
    probeWith(context, presented ?? trustedPresented(context), other),
  );
}

function probeWith(
  context: TargetContext,
  presented: PresentedIdentity | undefined,
  version: SecureVersion | undefined,
): Promise<Observation> {
  return probeOf(context)({
    url: context.declaration.url,
    ...(presented ? { identity: presented.identity } : {}),
    ...(context.serverTrust ? { serverTrustPem: context.serverTrust.pem } : {}),
    ...(context.servername ? { servername: context.servername } : {}),
    ...(version ? { minVersion: version, maxVersion: version } : {}),
    timeouts: context.timeouts,
    ...(context.signal ? { signal: context.signal } : {}),
  });
}
