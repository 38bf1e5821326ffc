import { summarizeCertificate } from '../../pki/certificate-summary.ts';
import type { FixtureSet } from '../../pki/fixture-set.ts';
import type { ScenarioResult, ScenarioStep } from '../../report/run-results.ts';
import {
  clientSuiteServerCa,
  type ClientScenario,
  type MockServerSetup,
} from '../../scenarios/client/client-scenario.ts';
import { validServer } from '../../scenarios/client/valid-server.ts';
import type { ScenarioAdjustment } from '../scenario-adjustment.ts';
import type { TargetContext } from '../target-context.ts';
import { clientRunEvidence, type ScenarioServerFacts } from './client-run-evidence.ts';
import { judgeClientRun } from './judge-client-run.ts';
import { mockServerCertificateFacts } from './mock-server-certificate-facts.ts';
import { reproduceClientScenario } from './reproduce-client-scenario.ts';
import { runClientAgainst, type ServerRun } from './run-client-against.ts';
import { fixturesOfSetup } from './start-scenario-server.ts';
import { validServerControl, type ValidServerControl } from './valid-server-control.ts';

/**
 * Carries one client scenario out: starts its mock server, runs (or waits for) the client under test,
 * stops the server and judges the client from what the server recorded and how the client ended; a
 * refusal also from the same client's run against the valid server (valid-server-control.ts). Never
 * throws for what the client did; a server that cannot start is a failed scenario with the reason.
 */
export async function executeClientScenario(
  scenario: ClientScenario,
  context: TargetContext,
  adjustment: ScenarioAdjustment = {},
): Promise<ScenarioResult> {
  const started = performance.now();
  const rule = adjustment.override ?? scenario.expect(context.declaration, context.fixtures);
  const result = (
    fields: Pick<ScenarioResult, 'observed' | 'verdict' | 'reason'> & Partial<ScenarioResult>,
  ) => ({
    id: scenario.id,
    title: scenario.title,
    expected: rule.expected,
    expectationBasis: adjustment.override ? `overridden by config: ${rule.because}` : rule.because,
    ...fields,
    durationMs: Math.round(performance.now() - started),
  });
  const cannot = (reason: string) => result({ observed: null, verdict: 'fail', reason });

  const client = context.clientUnderTest;
  if (!client)
    return cannot('the target names no client under test: give it a client: block (command or wait)');
  const { fixtures } = context;
  const needed = [
    ...fixturesOfSetup(scenario.server),
    ...(scenario.server.refuses ? fixturesOfSetup(validServer) : []),
    clientSuiteServerCa,
  ];
  const missing = [...new Set(needed)].filter((name) => !fixtures.names().includes(name));
  if (missing.length > 0) {
    return cannot(
      `the fixture set in ${fixtures.dir} has no ${missing.join(', ')}, which the client suite's servers need; it predates them: regenerate it with mtls-conformance fixtures --out ${fixtures.dir}`,
    );
  }
  const outcome = await runClientAgainst(scenario.server, context, scenario.id);
  if (typeof outcome === 'string') return cannot(outcome);
  const { run, values, host } = outcome;
  const evidence = clientRunEvidence(run, serverFacts(scenario.server, fixtures, host, context));
  const interrupted = () =>
    result({
      ...evidence,
      verdict: 'not-run',
      reason: 'not run: the run was interrupted while the client ran',
    });
  if (context.signal?.aborted) return interrupted();
  let control: ValidServerControl | undefined;
  const judgement = await judgeClientRun(
    rule.expected,
    run,
    context.declaration.trusts,
    scenario.server,
    async () => {
      control ??= await validServerControl(context);
      return control;
    },
  );
  if (context.signal?.aborted) return interrupted();
  return result({
    observed: evidence.observed,
    steps: [...evidence.steps, ...(control ? controlSteps(control, fixtures, context) : [])],
    ...judgement,
    ...(judgement.verdict === 'fail'
      ? {
          reproduce: reproduceClientScenario(
            scenario.server,
            context.declaration.trusts,
            fixtures,
            client,
            values,
          ),
        }
      : {}),
  });
}

/** The control's connections as steps of the refusal's evidence, labelled as such. */
function controlSteps(
  control: ValidServerControl,
  fixtures: FixtureSet,
  context: TargetContext,
): ScenarioStep[] {
  if (!control.run)
    return [{ label: 'control', observation: null, note: `${control.label}: ${control.seen}` }];
  const stepsOf = ({ label, setup, run }: { label: string; setup: MockServerSetup; run: ServerRun }) =>
    clientRunEvidence(run.run, serverFacts(setup, fixtures, run.host, context), `control, ${label}: `).steps;
  return [
    ...(control.refusedRun ? stepsOf(control.refusedRun) : []),
    ...stepsOf({ label: control.label, setup: control.setup, run: control.run }),
  ];
}

function serverFacts(
  setup: MockServerSetup,
  fixtures: FixtureSet,
  host: string,
  context: TargetContext,
): ScenarioServerFacts {
  const identity = fixtures.identity(setup.identity);
  return {
    tls: {
      serverChain: [identity.certificatePem, ...identity.chainPems].map((pem) => summarizeCertificate(pem)),
      ...mockServerCertificateFacts(
        identity.certificatePem,
        fixtures.certificatePem(clientSuiteServerCa),
        host,
      ),
    },
    acceptableCaNames: (setup.acceptableCas ?? context.declaration.trusts).map(
      (name) => summarizeCertificate(fixtures.certificatePem(name)).subject,
    ),
  };
}
