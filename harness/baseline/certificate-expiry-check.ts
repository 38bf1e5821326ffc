import type { CertificateExpiry, ExpiryReport, ScenarioResult } from '../report/run-results.ts';
import { expiresWithin } from './certificate-expiry.ts';

/** The id of the check `--warn-expiry-days` adds to every target: a scenario id like the catalogue's. */
export const certificateExpiryScenarioId = 'certificate-expiry';

/**
 * The result of the expiry check of one target, shaped as a scenario so that it lands in every report
 * and in the exit code: fail when a certificate of the report has fewer than `warnDays` whole days
 * left (an expired one always), pass otherwise, skip when no certificate was seen. Nothing is sent: it reads what the
 * other scenarios observed.
 */
export function certificateExpiryCheck(report: ExpiryReport, warnDays: number): ScenarioResult {
  const base = {
    id: certificateExpiryScenarioId,
    title: 'Certificates of the server chain and the trusted client identity are not about to expire',
    expected: 'accepted' as const,
    expectationBasis: `--warn-expiry-days ${warnDays}: each certificate must have at least ${warnDays} whole days left`,
    observed: null,
    durationMs: 0,
  };
  if (report.certificates.length === 0) {
    return { ...base, verdict: 'skip', reason: 'no certificate was seen: no TLS handshake got that far' };
  }
  const expiring = report.certificates.filter((certificate) => expiresWithin(certificate, warnDays));
  if (expiring.length > 0) {
    const count = expiring.length === 1 ? '1 certificate expires' : `${expiring.length} certificates expire`;
    return {
      ...base,
      verdict: 'fail',
      reason: `${count} within ${warnDays} days: ${expiring.map(describeExpiry).join('; ')}`,
    };
  }
  return {
    ...base,
    verdict: 'pass',
    reason: `every certificate has at least ${warnDays} days left: ${report.certificates.map(describeExpiry).join('; ')}`,
  };
}

/** `server [0] localhost: 364 days left (notAfter 2027-01-01T00:00:00.000Z)`. */
export function describeExpiry(certificate: CertificateExpiry): string {
  const which = certificate.role === 'server' ? `server [${certificate.position ?? 0}]` : 'client';
  const left =
    certificate.daysLeft < 0
      ? `expired ${-certificate.daysLeft} day${certificate.daysLeft === -1 ? '' : 's'} ago`
      : `${certificate.daysLeft} day${certificate.daysLeft === 1 ? '' : 's'} left`;
  return `${which} ${commonName(certificate.subject)}: ${left} (notAfter ${certificate.notAfter})`;
}

/** The CN of a subject DN (`C=BR, O=Axway, CN=localhost` → `localhost`), or the whole DN without one. */
export function commonName(subject: string): string {
  const match = /(?:^|, )CN=([^,]*)$/.exec(subject) ?? /(?:^|, )CN=([^,]*)/.exec(subject);
  return match?.[1] ?? subject;
}
