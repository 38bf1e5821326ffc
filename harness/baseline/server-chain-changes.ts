import type { CertificateSummary } from '../pki/certificate-summary.ts';
import type { TargetResult } from '../report/run-results.ts';
import type { FieldChange } from './run-diff.ts';

/**
 * The chain a target presented, leaf first: from `server-identity` where it ran, else from the first
 * observation that saw one. Empty when no handshake got far enough to see it.
 */
export function targetServerChain(target: TargetResult): CertificateSummary[] {
  const ordered = [
    ...target.scenarios.filter((scenario) => scenario.id === 'server-identity'),
    ...target.scenarios.filter((scenario) => scenario.id !== 'server-identity'),
  ];
  for (const scenario of ordered) {
    const observations = [scenario.observed, ...(scenario.steps ?? []).map((step) => step.observation)];
    for (const observation of observations) {
      const chain = observation?.tls?.serverChain;
      if (chain && chain.length > 0) return chain;
    }
  }
  return [];
}

/**
 * What moved between two server chains: the leaf's fingerprint, issuer and notAfter, and the rest of
 * the chain. Empty when they are the same, or when either run saw no chain (nothing to compare).
 */
export function serverChainChanges(
  before: readonly CertificateSummary[],
  after: readonly CertificateSummary[],
): FieldChange[] {
  const [beforeLeaf, ...beforeRest] = before;
  const [afterLeaf, ...afterRest] = after;
  if (!beforeLeaf || !afterLeaf) return [];
  const changes: FieldChange[] = [];
  const compare = (field: FieldChange['field'], was: string, now: string) => {
    if (was !== now) changes.push({ field, before: was, after: now });
  };
  compare('leaf-fingerprint', beforeLeaf.fingerprintSha256, afterLeaf.fingerprintSha256);
  compare('leaf-issuer', beforeLeaf.issuer, afterLeaf.issuer);
  compare('leaf-not-after', beforeLeaf.notAfter, afterLeaf.notAfter);
  compare('chain', describeRest(beforeRest), describeRest(afterRest));
  return changes;
}

function describeRest(certificates: readonly CertificateSummary[]): string {
  if (certificates.length === 0) return 'the leaf only';
  return certificates
    .map((certificate) => `${certificate.subject} (${shortFingerprint(certificate.fingerprintSha256)})`)
    .join(' | ');
}

/** The first four bytes of a fingerprint: enough to tell two certificates apart in a sentence. */
export function shortFingerprint(fingerprint: string): string {
  return fingerprint.length > 11 ? `${fingerprint.slice(0, 11)}…` : fingerprint;
}
