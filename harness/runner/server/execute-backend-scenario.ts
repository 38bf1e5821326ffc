import { X509Certificate } from 'node:crypto';
import { basename } from 'node:path';
import type { Observation } from '../../probe/observation.ts';
import type { BackendEvidence, ScenarioStep } from '../../report/run-results.ts';
import type { BackendDeclaration } from '../../scenarios/backend/backend-declaration.ts';
import type { BackendCase } from '../../scenarios/backend/backend-scenario.ts';
import type { ExpectationRule, Scenario } from '../../scenarios/scenario.ts';
import { TRUSTED_FIXTURE } from '../../scenarios/trust-rules.ts';
import type { TargetContext } from '../target-context.ts';
import { backendEvidence } from './backend/backend-evidence.ts';
import { exchangeThroughGateway, type BackendExchange } from './backend/backend-exchange.ts';
import { reproduceExchange } from './backend/backend-reproduce.ts';
import { forgedIdentity, forgedOtherCertificate, garbageProbes } from './backend/forged-headers.ts';
import {
  problemsWithExactIdentity,
  problemsWithUnverifiedIdentity,
  type PresentedCertificates,
} from './backend/judge-received-identity.ts';
import { readReceivedIdentity } from './backend/received-identity.ts';
import type { Judgement } from '../judgement.ts';
import { resolvePresentation, type PresentedIdentity } from '../resolve-presentation.ts';

/** What a backend scenario observed: the deciding probe, its exchange with the backend, and any steps. */
export interface BackendScenarioOutcome {
  observed: Observation | null;
  steps?: ScenarioStep[];
  judgement: Judgement;
  reproduce?: string;
  backend?: BackendEvidence;
}

/** The clients forged headers name when they are not the trusted identity: a second valid ca1 client first. */
const otherClientFixtures = ['tpp3', 'tpp2', 'intermediate-leaf', 'self-signed'];

/**
 * Carries out a backend scenario (harness/scenarios/backend/): probes through the gateway, each with a
 * request id and the forged header lines of its case, and judges what the backend behind the gateway
 * received, never only what the gateway answered. A probe the gateway refused passes the forgery cases
 * (nothing reached the backend) and fails forwarded-identity-matches; one that got no answer at all
 * decides nothing.
 */
export async function executeBackendScenario(
  scenario: Scenario,
  context: TargetContext,
  rule: ExpectationRule,
): Promise<BackendScenarioOutcome> {
  const backend = context.declaration.backend;
  const backendCase = (scenario as Scenario & { backendCase?: BackendCase }).backendCase;
  if (backend === undefined || backendCase === undefined) {
    return {
      observed: null,
      judgement: { verdict: 'skip', reason: 'the target declares no backend block: no headers to judge' },
    };
  }
  const trusted = resolvePresentation({ kind: 'trusted-identity' }, context);
  const claimed = new X509Certificate(context.trustedIdentity.identity.certificatePem);
  switch (backendCase) {
    case 'forwarded-identity': {
      const exchange = await exchangeThroughGateway(context, backend, trusted, []);
      return decide(context, rule, exchange, judgeExact(exchange, backend, false));
    }
    case 'spoofed-without-cert': {
      const exchange = await exchangeThroughGateway(
        context,
        backend,
        undefined,
        forgedIdentity(backend, claimed),
      );
      return decide(context, rule, exchange, judgeUnverified(exchange, backend));
    }
    case 'spoofed-with-other-cert': {
      const other = otherClientCertificate(context);
      const forged = [
        ...forgedOtherCertificate(backend, other),
        ...(backend.headers.verify === undefined
          ? []
          : [[backend.headers.verify, backend.verifiedValue] as const]),
      ];
      const exchange = await exchangeThroughGateway(context, backend, trusted, forged);
      return decide(context, rule, exchange, judgeExact(exchange, backend, true));
    }
    case 'rejected-cert': {
      const untrusted = resolvePresentation(scenario.presents, context);
      const exchange = await exchangeThroughGateway(
        context,
        backend,
        untrusted,
        forgedIdentity(backend, claimed),
      );
      return decide(context, rule, exchange, judgeUnverified(exchange, backend));
    }
    case 'header-garbage':
      return sendGarbage(context, rule, backend, trusted);
  }
}

async function sendGarbage(
  context: TargetContext,
  rule: ExpectationRule,
  backend: BackendDeclaration,
  trusted: PresentedIdentity | undefined,
): Promise<BackendScenarioOutcome> {
  const steps: ScenarioStep[] = [];
  const failures: string[] = [];
  let deciding: { exchange: BackendExchange; judgement: Judgement } | undefined;
  for (const probe of garbageProbes(backend, otherClientCertificate(context))) {
    const exchange = await exchangeThroughGateway(context, backend, trusted, probe.lines);
    // The clean request must reach the backend: it shows the backend still answers after the garbage.
    const judgement = judgeExact(exchange, backend, probe.lines.length > 0);
    steps.push({
      label: probe.label,
      observation: exchange.observation,
      note: `${judgement.verdict}: ${judgement.reason}`,
      backend: backendEvidence(exchange, backend),
    });
    if (exchange.observation.interrupted) break;
    if (judgement.verdict === 'fail') failures.push(`${probe.label}: ${judgement.reason}`);
    if (deciding === undefined || (judgement.verdict === 'fail' && deciding.judgement.verdict !== 'fail')) {
      deciding = { exchange, judgement };
    }
  }
  const judgement: Judgement =
    failures.length > 0
      ? { verdict: 'fail', reason: failures.join('; ') }
      : {
          verdict: 'pass',
          reason: `none reached the backend, which still answers (${steps.map((step) => step.label).join(', ')})`,
        };
  if (deciding === undefined) return { observed: null, steps, judgement };
  return { ...decide(context, rule, deciding.exchange, judgement), steps };
}

/** The scenario's verdict from one exchange's judgement, with its evidence and reproduce command. */
function decide(
  context: TargetContext,
  rule: ExpectationRule,
  exchange: BackendExchange,
  judged: Judgement,
): BackendScenarioOutcome {
  const backend = context.declaration.backend!;
  const judgement: Judgement =
    rule.expected === 'informational'
      ? { verdict: 'pass', reason: `reported only: ${judged.reason}` }
      : judged;
  return {
    observed: exchange.observation,
    judgement,
    reproduce: reproduceExchange(context, exchange),
    backend: backendEvidence(exchange, backend),
  };
}

/**
 * The backend must receive exactly the presented identity. `refusalPasses`: a request the gateway
 * refused passes (a forgery it turned away); otherwise it fails (the identity never arrived).
 */
function judgeExact(
  exchange: BackendExchange,
  backend: BackendDeclaration,
  refusalPasses: boolean,
): Judgement {
  const presented = certificatesOf(exchange.presented);
  const early = beforeTheBackend(exchange, refusalPasses);
  if (early !== undefined) return early;
  if (exchange.receipt.kind !== 'received' || presented === undefined) {
    return { verdict: 'fail', reason: 'nothing was presented to compare with' };
  }
  const identity = readReceivedIdentity(exchange.receipt.headers, backend);
  const problems = problemsWithExactIdentity(identity, presented, backend);
  if (problems.length > 0) return { verdict: 'fail', reason: problems.join('; ') };
  const { cert, verify } = backend.headers;
  const verified = verify === undefined ? '' : ` and ${verify}: ${identity.verify[0]?.value ?? ''}`;
  return {
    verdict: 'pass',
    reason: `the backend received ${presented.label}'s certificate alone in ${cert}${verified}`,
  };
}

/** The backend must receive no certificate as verified: nothing forged, nothing unverified passed as verified. */
function judgeUnverified(exchange: BackendExchange, backend: BackendDeclaration): Judgement {
  const early = beforeTheBackend(exchange, true);
  if (early !== undefined) return early;
  if (exchange.receipt.kind !== 'received') return { verdict: 'fail', reason: 'not received' };
  const identity = readReceivedIdentity(exchange.receipt.headers, backend);
  const problems = problemsWithUnverifiedIdentity(identity, certificatesOf(exchange.presented), backend);
  if (problems.length > 0) return { verdict: 'fail', reason: problems.join('; ') };
  const { verify } = backend.headers;
  const verifyValues = identity.verify.map((line) => line.value);
  const said =
    verify === undefined
      ? ''
      : ` (${verify}: ${verifyValues.length > 0 ? verifyValues.join(', ') : 'absent'})`;
  return { verdict: 'pass', reason: `the backend received no forged or unverified identity${said}` };
}

/** The judgement when the backend did not receive the request: refused, unparsable, or unknown. */
function beforeTheBackend(exchange: BackendExchange, refusalPasses: boolean): Judgement | undefined {
  const { receipt, observation } = exchange;
  if (receipt.kind === 'received') return undefined;
  if (receipt.kind === 'unparsable') return { verdict: 'fail', reason: receipt.why };
  if (receipt.kind === 'unknown')
    return { verdict: 'fail', reason: `cannot tell what the backend received: ${receipt.why}` };
  // A gateway that did not answer at all has shown nothing, whatever did not reach the backend.
  if (observation.outcome === 'error') {
    return { verdict: 'fail', reason: `could not decide, the gateway gave no answer: ${observation.reason}` };
  }
  return refusalPasses
    ? { verdict: 'pass', reason: `refused before the backend: ${receipt.why}` }
    : { verdict: 'fail', reason: `the request never reached the backend: ${receipt.why}` };
}

function certificatesOf(presented: PresentedIdentity | undefined): PresentedCertificates | undefined {
  if (presented === undefined) return undefined;
  const { identity } = presented;
  return {
    label: basename(identity.label),
    leaf: identity.certificate.fingerprintSha256,
    chain: identity.chainPems.map((pem) => new X509Certificate(pem).fingerprint256),
  };
}

/** Another client's certificate for forged headers: tpp3 (a second valid ca1 client) when the set has it. */
function otherClientCertificate(context: TargetContext): X509Certificate {
  const names = context.fixtures.names();
  const trustedLabel = context.declaration.trustedIdentity ?? TRUSTED_FIXTURE;
  const name =
    otherClientFixtures.find((each) => names.includes(each) && each !== trustedLabel) ?? TRUSTED_FIXTURE;
  return new X509Certificate(context.fixtures.certificatePem(name));
}
