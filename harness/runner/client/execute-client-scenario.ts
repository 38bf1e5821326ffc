import { summarizeCertificate } from '../../pki/certificate-summary.ts';
import type { FixtureSet } from '../../pki/fixture-set.ts';
import type { ScenarioResult } from '../../report/run-results.ts';
import { clientSuiteServerCa, type ClientScenario } from '../../scenarios/client/client-scenario.ts';
import type { StartedMockMtlsServer } from '../../servers/started-mock-mtls-server.ts';
import { clientPassphraseVariable, type ClientCommandPlaceholder } from './client-command-template.ts';
import { clientRunEvidence, type ScenarioServerFacts } from './client-run-evidence.ts';
import { driveClientUnderTest } from './drive-client-under-test.ts';
import type { ScenarioAdjustment } from '../scenario-adjustment.ts';
import { judgeClientRun } from './judge-client-run.ts';
import { mockServerCertificateFacts } from './mock-server-certificate-facts.ts';
import { reproduceClientScenario } from './reproduce-client-scenario.ts';
import { fixturesOfSetup, startScenarioServer } from './start-scenario-server.ts';
import type { TargetContext } from '../target-context.ts';

/**
 * Carries one client scenario out: starts its mock server, runs (or waits for) the client under test,
 * stops the server and judges the client from what the server recorded and how the client ended.
 * Never throws for what the client did; a server that cannot start is a failed scenario with the reason.
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
  const missing = [...fixturesOfSetup(scenario.server), clientSuiteServerCa].filter(
    (name) => !fixtures.names().includes(name),
  );
  if (missing.length > 0) {
    return cannot(
      `the fixture set in ${fixtures.dir} has no ${missing.join(', ')}, which the client suite's servers need; it predates them: regenerate it with mtls-conformance fixtures --out ${fixtures.dir}`,
    );
  }
  let server: StartedMockMtlsServer;
  try {
    server = await startScenarioServer(scenario.server, context.declaration.trusts, fixtures);
  } catch (error) {
    return cannot(
      `the scenario's mock server did not start: ${error instanceof Error ? error.message : String(error)}`,
    );
  }
  try {
    const values = placeholderValues(server, context);
    const passphrase = context.trustedIdentity.p12?.passphrase;
    const run = await driveClientUnderTest(client, server, {
      values,
      env: passphrase !== undefined ? { [clientPassphraseVariable]: passphrase } : {},
      secrets: passphrase !== undefined ? [passphrase] : [],
      announcement: `${context.declaration.name} › ${scenario.id}: point the client under test at ${values.url} within ${Math.round(client.timeoutMs / 1000)} s (${scenario.server.flaw ?? 'a valid server that requests a client certificate'}).`,
      ...(context.signal ? { signal: context.signal } : {}),
    });
    const { observed, steps } = clientRunEvidence(run, serverFacts(scenario, fixtures, server.host, context));
    if (context.signal?.aborted) {
      return result({
        observed,
        steps,
        verdict: 'not-run',
        reason: 'not run: the run was interrupted while the client ran',
      });
    }
    const judgement = judgeClientRun(rule.expected, run, context.declaration.trusts, scenario.server.flaw);
    return result({
      observed,
      steps,
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
  } finally {
    await server.stop();
  }
}

function placeholderValues(
  server: StartedMockMtlsServer,
  context: TargetContext,
): Record<ClientCommandPlaceholder, string> {
  const { files, p12 } = context.trustedIdentity;
  return {
    url: `${server.url}/`,
    host: server.host,
    port: String(server.port),
    cert: files.certFile,
    key: files.keyFile,
    chain: files.chainFile ?? files.certFile,
    // Config checks refuse {p12} for an identity without one, so '' is never handed to a client.
    p12: p12?.file ?? '',
    passphraseEnv: clientPassphraseVariable,
    serverCa: context.fixtures.path(clientSuiteServerCa, 'crt'),
  };
}

function serverFacts(
  scenario: ClientScenario,
  fixtures: FixtureSet,
  host: string,
  context: TargetContext,
): ScenarioServerFacts {
  const identity = fixtures.identity(scenario.server.identity);
  return {
    tls: {
      serverChain: [identity.certificatePem, ...identity.chainPems].map((pem) => summarizeCertificate(pem)),
      ...mockServerCertificateFacts(
        identity.certificatePem,
        fixtures.certificatePem(clientSuiteServerCa),
        host,
      ),
    },
    acceptableCaNames: (scenario.server.acceptableCas ?? context.declaration.trusts).map(
      (name) => summarizeCertificate(fixtures.certificatePem(name)).subject,
    ),
  };
}
