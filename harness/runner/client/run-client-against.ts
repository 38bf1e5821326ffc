import { clientSuiteServerCa, type MockServerSetup } from '../../scenarios/client/client-scenario.ts';
import type { StartedMockMtlsServer } from '../../servers/started-mock-mtls-server.ts';
import type { TargetContext } from '../target-context.ts';
import { clientPassphraseVariable, type ClientCommandPlaceholder } from './client-command-template.ts';
import { resolveClientEnvironment } from './client-environment.ts';
import { driveClientUnderTest, type ClientRun } from './drive-client-under-test.ts';
import { startScenarioServer } from './start-scenario-server.ts';

/** The client under test's run against one scenario server, with what the evidence needs. */
export interface ServerRun {
  run: ClientRun;
  /** The placeholder values the client was given: the reproduce command repeats them. */
  values: Readonly<Record<ClientCommandPlaceholder, string>>;
  /** The address the server listened on, which the client was to check the certificate against. */
  host: string;
}

// One map of runs per target: its context is made once per target (run-conformance) and shared by all
// of its scenarios.
const runsOfTarget = new WeakMap<TargetContext, Map<MockServerSetup, Promise<ServerRun | string>>>();

/**
 * Runs the target's client under test against a mock server set up as `setup`, once per target and
 * setup: a refuses-* scenario that needs the valid server's run (valid-server-control.ts) gets the very
 * run presents-certificate judged, or starts it, whichever comes first. The run happens in the task
 * that asks first, so it never waits for a pool slot. A string: why it could not be run.
 * `label` names the run in a `wait` announcement.
 */
export function runClientAgainst(
  setup: MockServerSetup,
  context: TargetContext,
  label: string,
): Promise<ServerRun | string> {
  let runs = runsOfTarget.get(context);
  if (!runs) {
    runs = new Map();
    runsOfTarget.set(context, runs);
  }
  let run = runs.get(setup);
  if (!run) {
    run = startAndDrive(setup, context, label);
    runs.set(setup, run);
  }
  return run;
}

async function startAndDrive(
  setup: MockServerSetup,
  context: TargetContext,
  label: string,
): Promise<ServerRun | string> {
  const client = context.clientUnderTest;
  if (!client) return 'the target names no client under test: give it a client: block (command or wait)';
  let server: StartedMockMtlsServer;
  try {
    server = await startScenarioServer(setup, context.declaration.trusts, context.fixtures);
  } catch (error) {
    return `the scenario's mock server did not start: ${error instanceof Error ? error.message : String(error)}`;
  }
  try {
    const values = placeholderValues(server, context);
    const passphrase = context.trustedIdentity.p12?.passphrase;
    const environment = resolveClientEnvironment(client, values);
    if (typeof environment === 'string') return environment;
    const run = await driveClientUnderTest(client, server, {
      values,
      env: {
        ...environment.env,
        ...(passphrase !== undefined ? { [clientPassphraseVariable]: passphrase } : {}),
      },
      secrets: [...environment.secrets, ...(passphrase !== undefined ? [passphrase] : [])],
      announcement: `${context.declaration.name} › ${label}: point the client under test at ${values.url} within ${Math.round(client.timeoutMs / 1000)} s (${setup.flaw ?? 'a valid server that requests a client certificate'}).`,
      ...(context.signal ? { signal: context.signal } : {}),
    });
    return { run, values, host: server.host };
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
