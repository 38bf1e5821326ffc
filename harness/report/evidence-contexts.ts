import type { CertificateSummary } from '../pki/certificate-summary.ts';
import { backendEvidenceLines } from './backend-evidence-lines.ts';
import { revocationEvidenceLines } from './revocation-evidence-lines.ts';
import type { Observation, SentEvidence, SessionEvidence, TlsEvidence } from '../probe/observation.ts';
import type { TlsSessionFacts } from '../probe/ssl-session-der.ts';
import { printable } from './printable-text.ts';
import type { ExpiryReport, ScenarioResult, ScenarioStep, TargetResult } from './run-results.ts';

/** One titled block of evidence: what mochawesome's `addContext` attaches, and a JUnit section. */
export interface EvidenceContext {
  title: string;
  /** Plain text, one fact a line, control characters escaped; always ends with a line feed (see below). */
  value: string;
}

/**
 * The evidence of one scenario, in the order a person checks it: verdict, what was expected and why,
 * how to reproduce a failure, then what the client presented and what the server did.
 */
export function evidenceContexts(scenario: ScenarioResult, target: TargetResult): EvidenceContext[] {
  // An undecided fail says so first: it is not the endpoint's nonconformance (results.json: undecided).
  const verdict =
    scenario.verdict === 'fail' && scenario.undecided ? 'fail, could not decide' : scenario.verdict;
  const contexts: EvidenceContext[] = [
    context('Verdict', [`${verdict}: ${scenario.reason}`]),
    context('Expectation', [
      scenario.expected,
      `because ${scenario.expectationBasis}`,
      `target ${target.name} (${target.suite} suite) at ${target.url}, trusts [${target.trusts.join(', ')}]`,
    ]),
  ];
  if (scenario.verdict === 'fail' && scenario.likelyCause) {
    contexts.push(context('Likely cause', [scenario.likelyCause]));
  }
  if (scenario.verdict === 'fail' && scenario.reproduce) {
    contexts.push(context('Reproduce by hand', [scenario.reproduce]));
  }
  // The expiry watch: with the check that judges it, and with the scenario that shows the server chain.
  if (target.expiry && (scenario.id === 'certificate-expiry' || scenario.id === 'server-identity')) {
    contexts.push(context('Certificate expiry', expiryLines(target.expiry)));
  }
  const observed = scenario.observed;
  if (observed) {
    contexts.push(...observationContexts(observed));
  } else {
    contexts.push(context('Observed', ['nothing was sent to the target']));
  }
  if (scenario.backend) {
    contexts.push(
      context(
        'Backend: what the client sent, what the backend received',
        backendEvidenceLines(scenario.backend),
      ),
    );
  }
  if (scenario.revocation) {
    contexts.push(
      context(
        'Revocation: what the target held and was served',
        revocationEvidenceLines(scenario.revocation),
      ),
    );
  }
  if (scenario.steps && scenario.steps.length > 0) {
    contexts.push(context('Steps', scenario.steps.map(describeStep)));
    const probes = scenario.steps.flatMap((step, index) =>
      step.backend
        ? [`${index + 1}. ${step.label}`, ...backendEvidenceLines(step.backend).map((line) => `   ${line}`)]
        : [],
    );
    if (probes.length > 0) contexts.push(context('Backend, probe by probe', probes));
  }
  contexts.push(context('Timings', timingLines(observed, scenario.durationMs, target.startMs)));
  return contexts;
}

function observationContexts(observed: Observation): EvidenceContext[] {
  const contexts = [
    context('Client identity presented', identityLines(observed.clientCertificate)),
    context('Outcome', [
      `${observed.outcome} at ${observed.stage}`,
      observed.reason,
      ...(observed.errorCode ? [`error code ${observed.errorCode}`] : []),
    ]),
    context('Server response', responseLines(observed)),
  ];
  if (observed.sent) contexts.push(context('Sent', sentLines(observed.sent)));
  if (observed.tls) {
    contexts.push(context('TLS', tlsLines(observed.tls)), context('Server chain', chainLines(observed.tls)));
  }
  if (observed.session) contexts.push(context('Session resumption', sessionLines(observed.session)));
  const caNames = observed.acceptableCaNames;
  contexts.push(
    context(
      'Acceptable CA names (from the CertificateRequest)',
      caNames.obtained
        ? caNames.names.length > 0
          ? caNames.names
          : ['(the server asks for a certificate but names no CA)']
        : [`not obtained: ${caNames.why}`],
    ),
  );
  return contexts;
}

function identityLines(certificate: CertificateSummary | undefined): string[] {
  if (!certificate) return ['no certificate'];
  return [
    `subject  ${certificate.subject}`,
    `issuer   ${certificate.issuer}`,
    `serial   ${certificate.serialNumber}`,
    `valid    ${certificate.notBefore} → ${certificate.notAfter}`,
    `SHA-256  ${certificate.fingerprintSha256}`,
  ];
}

function responseLines(observed: Observation): string[] {
  const lines: string[] = [];
  if (observed.alert) lines.push(`TLS alert ${observed.alert.code} ${observed.alert.name}`);
  if (observed.http) {
    lines.push(`HTTP ${observed.http.status}`);
    for (const [name, value] of Object.entries(observed.http.headers)) lines.push(`${name}: ${value}`);
    if (observed.http.bodyExcerpt) lines.push('', observed.http.bodyExcerpt);
  }
  if (lines.length === 0) lines.push('no TLS alert and no HTTP response');
  return lines;
}

function tlsLines(tls: TlsEvidence): string[] {
  const requested =
    tls.clientCertificateRequested === undefined ? 'not seen' : tls.clientCertificateRequested ? 'yes' : 'no';
  return [
    `protocol  ${tls.protocol ?? '(handshake not completed)'}`,
    `cipher    ${tls.cipher ?? '(none)'}`,
    `client certificate requested: ${requested}`,
  ];
}

function sentLines(sent: SentEvidence): string[] {
  return [`SNI   ${sent.servername ?? '(none)'}`, ...(sent.host === undefined ? [] : [`Host  ${sent.host}`])];
}

function sessionLines(session: SessionEvidence): string[] {
  const lines: string[] = [];
  const { offered } = session;
  if (offered) {
    const resumed =
      offered.resumed === undefined
        ? 'no handshake completed'
        : offered.resumed
          ? 'yes'
          : 'no (full handshake)';
    lines.push(`offered  ${describeSession(offered)}, age ${offered.ageMs} ms`, `resumed  ${resumed}`);
  }
  if (session.issued) {
    lines.push(
      ...(session.issued.length === 0
        ? ['issued   none']
        : session.issued.map((facts) => `issued   ${describeSession(facts)}`)),
    );
  }
  return lines;
}

function describeSession(facts: TlsSessionFacts): string {
  const kind = facts.ticket
    ? `ticket ${facts.ticket.sha256}… (${facts.ticket.bytes} bytes, lifetime ${facts.ticket.lifetimeHintSeconds} s)`
    : facts.sessionId
      ? `session id ${facts.sessionId.slice(0, 16)}…`
      : 'session';
  return `${facts.protocol} ${kind}${facts.servername ? ` made for SNI ${facts.servername}` : ''}`;
}

function chainLines(tls: TlsEvidence): string[] {
  const lines =
    tls.serverChain.length > 0
      ? tls.serverChain.flatMap((certificate, index) => [
          `[${index}] ${certificate.subject}`,
          `    issuer ${certificate.issuer}`,
          `    valid  ${certificate.notBefore} → ${certificate.notAfter}`,
          `    SHA-256 ${certificate.fingerprintSha256}`,
        ])
      : ['(no server certificate seen)'];
  lines.push(
    tls.serverTrusted === undefined
      ? 'trust: not judged (no server CA declared)'
      : tls.serverTrusted
        ? 'trust: validates to the declared server CA'
        : `trust: does NOT validate: ${tls.serverTrustError ?? 'no reason given'}`,
  );
  if (tls.hostnameMatches !== undefined) {
    lines.push(
      tls.hostnameMatches
        ? 'host name: matches'
        : `host name: does NOT match: ${tls.hostnameError ?? 'no reason given'}`,
    );
  }
  return lines;
}

function expiryLines(expiry: ExpiryReport): string[] {
  const lines = expiry.certificates.map((certificate) => {
    const which = certificate.role === 'server' ? `server [${certificate.position ?? 0}]` : 'client';
    const left =
      certificate.daysLeft < 0
        ? `expired ${-certificate.daysLeft} days ago`
        : `${certificate.daysLeft} days left`;
    return `${which} ${certificate.subject}: ${left} (notAfter ${certificate.notAfter})`;
  });
  return [
    ...(lines.length > 0 ? lines : ['no certificate was seen']),
    `counted from ${expiry.checkedAt}${expiry.warnDays !== undefined ? `; --warn-expiry-days ${expiry.warnDays}` : ''}`,
  ];
}

function describeStep(step: ScenarioStep, index: number): string {
  const what = step.observation
    ? `${step.observation.outcome} at ${step.observation.stage}: ${step.observation.reason}`
    : 'nothing sent';
  return `${index + 1}. ${step.label}: ${what}${step.note ? ` (${step.note})` : ''}`;
}

function timingLines(observed: Observation | null, durationMs: number, targetStartMs?: number): string[] {
  const parts: string[] = [];
  // A target the harness started (mock, nginx, openssl, container): from its start() to ready.
  if (targetStartMs !== undefined) parts.push(`target ready ${targetStartMs} ms after start`);
  if (observed) {
    const { connectMs, handshakeMs, responseMs, totalMs } = observed.timings;
    if (connectMs !== undefined) parts.push(`connect ${connectMs} ms`);
    if (handshakeMs !== undefined) parts.push(`handshake ${handshakeMs} ms`);
    if (responseMs !== undefined) parts.push(`response ${responseMs} ms`);
    parts.push(`probe total ${totalMs} ms`);
  }
  parts.push(`scenario ${durationMs} ms`);
  return [parts.join(', ')];
}

/** One evidence block, made safe for mochawesome's page as below: for pages other than a run's (a diff). */
export function evidenceContext(title: string, lines: readonly string[]): EvidenceContext {
  return context(title, lines);
}

// mochawesome's report page (its TestContext component) shows a context value as an <img>, <video> or
// link when the whole string looks like a URL or ends in png/jpg/gif, or when the part before its first
// `#` ends in mp4/webm; the browser would then fetch it, so a hostile body excerpt could make the report
// call home. The URL and image patterns are anchored at the end of the string, so a value ending in a
// line feed is shown as text; the video one is defused by escaping `#` in the rare value it would match.
function context(title: string, lines: readonly string[]): EvidenceContext {
  const text = printable(lines.join('\n'));
  const hash = text.indexOf('#');
  const beforeHash = hash > 0 ? text.slice(0, hash) : text;
  const safe = /(?:mp4|webm)$/i.test(beforeHash) ? text.replaceAll('#', '\\x23') : text;
  return { title, value: `${safe}\n` };
}
