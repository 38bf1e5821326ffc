import type { CertificateSummary } from '../pki/certificate-summary.ts';
import type { CertificateExpiry, ExpiryReport, TargetResult } from '../report/run-results.ts';
import { targetServerChain } from './server-chain-changes.ts';

const dayMs = 24 * 60 * 60 * 1000;

export interface ExpiryReportOptions {
  /** The moment days are counted from. */
  now: Date;
  /** `--warn-expiry-days`, recorded in the report. Default: none. */
  warnDays?: number;
  /**
   * Whether a scenario presents the target's trusted identity (tpp1 or its bring-your-own identity).
   * Only those count for the client side: the others present broken certificates on purpose (the
   * `expired` fixture of expired-client-cert), whose expiry is the point of the scenario.
   */
  presentsTrustedIdentity: (scenarioId: string) => boolean;
}

/**
 * Days left on what a target's run saw: every certificate of the server chain, then the client
 * certificates of the trusted identity, each once (by fingerprint). Undefined for a target that did
 * not start.
 */
export function expiryReport(target: TargetResult, options: ExpiryReportOptions): ExpiryReport | undefined {
  if (target.error !== undefined) return undefined;
  const certificates: CertificateExpiry[] = targetServerChain(target).map((certificate, position) => ({
    role: 'server',
    position,
    ...expiryOf(certificate, options.now),
  }));
  const seen = new Set<string>();
  for (const scenario of target.scenarios) {
    if (!options.presentsTrustedIdentity(scenario.id)) continue;
    const observations = [scenario.observed, ...(scenario.steps ?? []).map((step) => step.observation)];
    for (const client of observations.map((observation) => observation?.clientCertificate)) {
      if (!client || seen.has(client.fingerprintSha256)) continue;
      seen.add(client.fingerprintSha256);
      certificates.push({ role: 'client', ...expiryOf(client, options.now) });
    }
  }
  return {
    checkedAt: options.now.toISOString(),
    ...(options.warnDays !== undefined ? { warnDays: options.warnDays } : {}),
    certificates,
  };
}

function expiryOf(certificate: CertificateSummary, now: Date): Omit<CertificateExpiry, 'role' | 'position'> {
  return {
    subject: certificate.subject,
    issuer: certificate.issuer,
    notAfter: certificate.notAfter,
    fingerprintSha256: certificate.fingerprintSha256,
    daysLeft: Math.floor((Date.parse(certificate.notAfter) - now.getTime()) / dayMs),
  };
}

/**
 * Whether `certificate` fails `--warn-expiry-days warnDays`: fewer than `warnDays` whole days left, so
 * `0` fails only certificates that have expired and `30` those that expire within 30 days.
 */
export function expiresWithin(certificate: CertificateExpiry, warnDays: number): boolean {
  return certificate.daysLeft < warnDays;
}
