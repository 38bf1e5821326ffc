import type { CertificateSummary } from '../pki/certificate-summary.ts';
import type { Observation, TlsEvidence } from './observation.ts';

const labelWidth = 15;

/** A person's account of one observation, several lines: verdict first, then the evidence. */
export function describeObservation(observation: Observation): string {
  const lines = [`${observation.outcome.toUpperCase()} at ${observation.stage}: ${observation.reason}`];
  const row = (label: string, ...values: string[]): void => {
    values.forEach((value, index) =>
      lines.push(`  ${(index === 0 ? label : '').padEnd(labelWidth)}${value}`),
    );
  };
  row('url', observation.url);
  if (observation.alert) {
    const code = observation.errorCode ? ` (${observation.errorCode})` : '';
    row('alert', `${observation.alert.code} ${observation.alert.name}${code}`);
  } else if (observation.errorCode) {
    row('error code', observation.errorCode);
  }
  if (observation.http) {
    const { status, headers, bodyExcerpt } = observation.http;
    const headerText = Object.entries(headers).map(([name, value]) => `${name}: ${value}`);
    row('http', `${status}${headerText.length ? ` (${headerText.join('; ')})` : ''}`);
    const excerpt = bodyExcerpt.replace(/\s+/g, ' ').trim();
    if (excerpt) row('body', JSON.stringify(excerpt.length > 160 ? `${excerpt.slice(0, 160)}…` : excerpt));
  }
  row(
    'client cert',
    observation.clientCertificate ? describeCertificate(observation.clientCertificate) : 'none presented',
  );
  if (observation.tls) describeTls(observation.tls, row);
  row(
    'acceptable CAs',
    ...(observation.acceptableCaNames.obtained
      ? observation.acceptableCaNames.names.length > 0
        ? observation.acceptableCaNames.names
        : ['(the server asks for a certificate but names no CA)']
      : [`not obtained: ${observation.acceptableCaNames.why}`]),
  );
  const { connectMs, handshakeMs, responseMs, totalMs } = observation.timings;
  const timings = [
    connectMs === undefined ? undefined : `connect ${connectMs} ms`,
    handshakeMs === undefined ? undefined : `handshake ${handshakeMs} ms`,
    responseMs === undefined ? undefined : `response ${responseMs} ms`,
    `total ${totalMs} ms`,
  ];
  row('timings', timings.filter((part) => part !== undefined).join(', '));
  return lines.join('\n');
}

function describeTls(tls: TlsEvidence, row: (label: string, ...values: string[]) => void): void {
  const requested =
    tls.clientCertificateRequested === undefined ? 'not seen' : tls.clientCertificateRequested ? 'yes' : 'no';
  const negotiated = [tls.protocol, tls.cipher].filter(Boolean).join(', ') || 'handshake not completed';
  row('tls', `${negotiated}; client certificate requested: ${requested}`);
  row(
    'server chain',
    ...(tls.serverChain.length > 0
      ? tls.serverChain.map((certificate, index) => `[${index}] ${describeCertificate(certificate)}`)
      : ['(not seen)']),
  );
  row(
    'server trust',
    tls.serverTrusted === undefined
      ? 'not judged (no server CA declared, or the handshake did not complete)'
      : tls.serverTrusted
        ? 'trusted by the declared server CA'
        : `NOT trusted by the declared server CA: ${tls.serverTrustError ?? 'no reason given'}`,
  );
  if (tls.hostnameMatches !== undefined) {
    row('host name', tls.hostnameMatches ? 'matches' : `does NOT match: ${tls.hostnameError ?? ''}`);
  }
}

function describeCertificate(certificate: CertificateSummary): string {
  return `${certificate.subject} (issuer ${certificate.issuer}; serial ${certificate.serialNumber}; valid ${certificate.notBefore} to ${certificate.notAfter})`;
}
