import { normalizeSerial } from '../../pki/normalize-serial.ts';
import type { RevocationEvidence } from '../../report/run-results.ts';
import type { RevocationScenario } from '../../scenarios/revocation/revocation-scenario.ts';
import type { ExpectationRule, Scenario } from '../../scenarios/scenario.ts';
import type { TargetOcspResponder } from '../../targets/target-provider.ts';
import type { TargetContext } from '../target-context.ts';
import type { CarriedOut } from './carried-out.ts';

type ProbeOnce = (
  scenario: Scenario,
  context: TargetContext,
  rule: ExpectationRule,
  version: undefined,
) => Promise<CarriedOut>;

// One OCSP fault scenario at a time per responder: they all present ocsp-client, whose serial the fault
// is keyed on, while the other scenarios of the run get true answers for their own certificates.
const turns = new WeakMap<TargetOcspResponder, Promise<unknown>>();

/**
 * Carries out a revocation scenario (harness/scenarios/revocation/): one probe, with the harness's OCSP
 * responder playing the scenario's fault for the presented certificate, and the revocation data behind
 * the verdict kept as evidence: the CRL the target holds, each OCSP answer served while it ran.
 */
export async function executeRevocationScenario(
  scenario: Scenario,
  context: TargetContext,
  rule: ExpectationRule,
  probeOnce: ProbeOnce,
): Promise<CarriedOut> {
  const revocation = scenario as RevocationScenario;
  const fixture = scenario.presents.kind === 'fixture' ? scenario.presents.fixture : undefined;
  const serial = fixture === undefined ? undefined : serialOf(context, fixture);
  const responder = context.ocsp;
  if (revocation.ocspFault !== undefined && responder === undefined) {
    return {
      observed: null,
      judgement: {
        verdict: 'skip',
        reason:
          'no OCSP responder of the harness stands behind this target: it starts one for provider nginx (ssl_ocsp_responder); a target of yours would need its responder to play this fault',
      },
    };
  }
  const crl = await crlEvidence(revocation, context, fixture);
  if (responder === undefined || serial === undefined) {
    const outcome = await probeOnce(scenario, context, rule, undefined);
    return crl === undefined ? outcome : { ...outcome, revocation: { crl } };
  }
  const chain = chainSerials(context, fixture);
  const run = async (): Promise<CarriedOut> => {
    const before = responder.exchanges().length;
    const fault = revocation.ocspFault ?? 'none';
    responder.setFault(fault, serial);
    try {
      const outcome = await probeOnce(scenario, context, rule, undefined);
      const evidence: RevocationEvidence = {
        ...(crl === undefined ? {} : { crl }),
        ocsp: {
          responder: responder.url,
          fault,
          // Other scenarios run at the same time: keep the exchanges about this chain's certificates.
          exchanges: responder
            .exchanges()
            .slice(before)
            .filter((exchange) => exchange.asked.some((asked) => chain.includes(asked))),
        },
      };
      return { ...outcome, revocation: evidence };
    } finally {
      responder.setFault('none', serial);
    }
  };
  if (revocation.ocspFault === undefined) return run();
  const previous = turns.get(responder) ?? Promise.resolve();
  const mine = previous.then(run, run);
  turns.set(
    responder,
    mine.catch(() => undefined),
  );
  return mine;
}

/** Normalised serials of the presented certificate and the CAs above it: what a gateway asks OCSP about. */
function chainSerials(context: TargetContext, fixture: string | undefined): string[] {
  const serials: string[] = [];
  for (let name = fixture ?? null; name !== null; name = context.fixtures.issuerOf(name)) {
    const serial = serialOf(context, name);
    if (serial !== undefined) serials.push(normalizeSerial(serial));
    if (context.fixtures.rootOf(name) === name) break;
  }
  return serials;
}

function serialOf(context: TargetContext, fixture: string): string | undefined {
  return context.fixtures.manifest.identities.find((identity) => identity.name === fixture)?.serialNumber;
}

/** The CRL of the CA that decides (the presented certificate's issuer, or its intermediate's), when one is declared. */
async function crlEvidence(
  scenario: RevocationScenario,
  context: TargetContext,
  fixture: string | undefined,
): Promise<RevocationEvidence['crl']> {
  const declared = context.declaration.revocation;
  if (declared?.crl !== true || fixture === undefined) return undefined;
  const decides = scenario.revokedLevel === 'issuer' ? context.fixtures.issuerOf(fixture) : fixture;
  const issuer = decides === null ? null : context.fixtures.issuerOf(decides);
  const serial = decides === null ? undefined : serialOf(context, decides);
  if (issuer === null || serial === undefined) return undefined;
  // Loaded here: the CRL parser (@peculiar/x509) costs every run ~0.1 s to load, and few need it.
  const { describeCrl } = await import('../../pki/describe-crl.ts');
  const crl = await describeCrl(context.fixtures.dir, issuer, declared.crlFile, serial);
  return {
    file: crl.file,
    issuer,
    thisUpdate: crl.thisUpdate,
    nextUpdate: crl.nextUpdate,
    listsPresented: crl.lists,
    heldBy: `held by ${context.declaration.name} (revocation.crlFile: ${declared.crlFile})`,
  };
}
