import type { BackendEvidence, BackendHeaderEvidence } from './run-results.ts';

/**
 * A backend exchange as report lines: the headers the client forged, then what the application behind
 * the gateway received (each certificate decoded), or why it received nothing.
 */
export function backendEvidenceLines(evidence: BackendEvidence): string[] {
  const source = evidence.source === 'echo' ? "your backend's echo" : 'the recording backend';
  const lines = [
    `request id ${evidence.requestId}`,
    evidence.sent.length === 0 ? 'client sent no forged header' : 'client sent (forged):',
    ...evidence.sent.map((header) => `  ${header.name}: ${header.value}`),
  ];
  if (evidence.backend !== 'received') {
    const state = {
      'not-received': 'backend received nothing',
      unparsable: 'backend could not parse the request',
      unknown: 'what the backend received is unknown',
    }[evidence.backend];
    return [...lines, `${state}: ${evidence.note ?? ''}`];
  }
  lines.push(
    evidence.received.length === 0
      ? `backend received none of the identity headers (per ${source})`
      : `backend received (per ${source}):`,
  );
  for (const header of evidence.received) lines.push(...receivedLines(header));
  if (evidence.otherHeaderCount !== undefined && evidence.otherHeaderCount > 0) {
    lines.push(`  (${evidence.otherHeaderCount} other header lines, not shown)`);
  }
  return lines;
}

function receivedLines(header: BackendHeaderEvidence): string[] {
  const lines = [`  ${header.name}: ${header.value}`];
  for (const certificate of header.certificates ?? []) {
    lines.push(`    → ${certificate.subject ?? '(no subject)'}, SHA-256 ${certificate.fingerprintSha256}`);
  }
  if (header.problem !== undefined) lines.push(`    → no certificate: ${header.problem}`);
  return lines;
}
