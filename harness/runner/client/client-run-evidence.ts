import type { CertificateSummary } from '../../pki/certificate-summary.ts';
import { alertFromError } from '../../probe/classify-tls-error.ts';
import { tlsAlert } from '../../probe/tls-alerts.ts';
import type { Observation, Stage, TlsEvidence } from '../../probe/observation.ts';
import type { ScenarioStep } from '../../report/run-results.ts';
import type { ConnectionRecord } from '../../servers/connection-record.ts';
import { connectionEnd } from './describe-client-connections.ts';
import type { ClientRun } from './drive-client-under-test.ts';
import type { ClientProcessOutcome } from './run-client-command.ts';

/** What the harness knows of its own server in a scenario, to complete each observation. */
export interface ScenarioServerFacts {
  /** The mock server's chain, leaf first, with what a conformant client would conclude of it. */
  tls: Pick<
    TlsEvidence,
    'serverChain' | 'serverTrusted' | 'serverTrustError' | 'hostnameMatches' | 'hostnameError'
  >;
  /** Subject DNs the CertificateRequest listed. */
  acceptableCaNames: string[];
}

/**
 * A client run told in the probe's terms, so every report shows it like a server-suite scenario: the
 * deciding connection as the observation (the first that sent a request, else the first that
 * presented a certificate, else the first), every connection as a step, the last one noting how the
 * client process ended and what it printed. `label` prefixes the steps' labels (`control: `).
 * `outcome` says what the client did: `accepted` it sent a request, `rejected` it connected but sent
 * none (it refused, or the server refused it), `error` it never connected.
 */
export function clientRunEvidence(
  run: ClientRun,
  server: ScenarioServerFacts,
  label = '',
): { observed: Observation; steps: ScenarioStep[] } {
  const observations = run.records.map((record) => recordObservation(record, run, server));
  const withRequest = run.records.findIndex((record) => record.requests.length > 0);
  const withCertificate = run.records.findIndex((record) => record.clientChain.length > 0);
  const deciding = withRequest >= 0 ? withRequest : Math.max(withCertificate, 0);
  const steps: ScenarioStep[] = observations.map((observation, index) => ({
    label: `${label}connection ${run.records[index]!.id}`,
    observation,
    ...(index === observations.length - 1 ? { note: clientEndNote(run) } : {}),
  }));
  if (observations.length === 0) {
    steps.push({ label: `${label}client`, observation: null, note: clientEndNote(run) });
  }
  return { observed: observations[deciding] ?? noConnection(run, server), steps };
}

function recordObservation(
  record: ConnectionRecord,
  run: ClientRun,
  server: ScenarioServerFacts,
): Observation {
  const request = record.requests[0];
  const stage: Stage = request
    ? 'http'
    : record.tlsError === undefined && record.protocol !== undefined
      ? 'after-handshake'
      : 'tls-handshake';
  const sentAlert = record.ended?.alert;
  const alert =
    sentAlert?.code !== undefined
      ? tlsAlert(sentAlert.code)
      : record.tlsError === undefined
        ? undefined
        : alertFromError(errorWithCode(record.tlsError));
  const reason = request
    ? `the client sent ${request.method} ${request.path} over ${record.protocol ?? 'TLS'}, answered ${request.status}`
    : connectionEnd(record);
  const clientCertificate: CertificateSummary | undefined = record.clientChain[0];
  return {
    url: run.url,
    outcome: request ? 'accepted' : 'rejected',
    stage,
    reason,
    ...(record.tlsError !== undefined ? { errorCode: record.tlsError } : {}),
    ...(alert ? { alert } : {}),
    ...(request ? { http: { status: request.status, headers: {}, bodyExcerpt: '' } } : {}),
    tls: {
      ...(record.protocol !== undefined ? { protocol: record.protocol } : {}),
      ...(record.cipher !== undefined ? { cipher: record.cipher } : {}),
      clientCertificateRequested: true,
      ...server.tls,
    },
    acceptableCaNames: { obtained: true, names: server.acceptableCaNames },
    ...(clientCertificate ? { clientCertificate } : {}),
    timings: { totalMs: run.process?.durationMs ?? 0 },
  };
}

function noConnection(run: ClientRun, server: ScenarioServerFacts): Observation {
  return {
    url: run.url,
    outcome: 'error',
    stage: 'tcp',
    // No port and no timing: baselines compare this reason from run to run (the step says how it ended).
    reason: run.waited ? 'no client connected' : 'the client never connected',
    tls: { clientCertificateRequested: true, ...server.tls },
    acceptableCaNames: { obtained: true, names: server.acceptableCaNames },
    timings: { totalMs: run.process?.durationMs ?? 0 },
  };
}

/** One line on how the client ended: `exit 60 after 41 ms: curl: (60) SSL certificate problem: …`. */
export function clientEndLine(run: ClientRun): string {
  if (run.waited) {
    return run.waited.connected
      ? 'an external client connected'
      : `no client connected within ${run.waited.timeoutMs} ms`;
  }
  const outcome = run.process;
  if (!outcome) return 'the client did not run';
  const { stderrExcerpt: stderr, stdoutExcerpt: stdout } = outcome;
  // A client that succeeded shows what it got; one that failed, the line that says why.
  const first =
    outcome.exitCode === 0
      ? (firstLine(stdout) ?? outcome.tellingLine ?? firstLine(stderr))
      : (outcome.tellingLine ?? firstLine(stderr) ?? firstLine(stdout));
  return `${processEnd(outcome)}${first ? `: ${first}` : ''}`;
}

/** How the client ended and what it printed: the note of a run's last step. */
export function clientEndNote(run: ClientRun): string {
  const outcome = run.process;
  if (!outcome) return clientEndLine(run);
  const streams = (['stderr', 'stdout'] as const)
    .map((name) => [name, outcome[`${name}Excerpt`]] as const)
    .filter(([, text]) => text !== '')
    .map(([name, text]) => `${name}: ${text.replaceAll('\n', '\n      ')}`);
  return [processEnd(outcome), ...streams].join('\n    ');
}

/** `exit 0 after 52 ms`, `killed (SIGTERM) at the timeout, after 10012 ms`, `could not start: spawn x ENOENT`. */
export function processEnd(outcome: ClientProcessOutcome): string {
  if (outcome.spawnError !== undefined) return `could not start: ${outcome.spawnError}`;
  if (outcome.timedOut)
    return `killed (${outcome.signal ?? 'SIGTERM'}) at the timeout, after ${outcome.durationMs} ms`;
  if (outcome.signal) return `ended by ${outcome.signal} after ${outcome.durationMs} ms`;
  return `exit ${outcome.exitCode ?? '?'} after ${outcome.durationMs} ms`;
}

function firstLine(text: string): string | undefined {
  const line = text.split('\n').find((candidate) => /\S/.test(candidate));
  if (line === undefined) return undefined;
  return line.length > 200 ? `${line.slice(0, 199)}…` : line.trim();
}

function errorWithCode(code: string): Error {
  return Object.assign(new Error(code), { code });
}
