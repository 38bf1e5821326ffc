import type { InspectedCertificate, InspectedEntry, KeystoreInspection } from './inspect-keystore.ts';

/** The human form of `keystore inspect`: a header line, then a block per entry, as `keytool -list -v` but short. */
export function formatKeystoreInspection(inspection: KeystoreInspection): string[] {
  const count = inspection.entries.length;
  const integrity = inspection.integrityChecked
    ? 'integrity checked with the store password'
    : 'integrity NOT checked (no store password given; JKS certificates are readable without one)';
  const lines = [
    `${inspection.file}: ${inspection.format} keystore, ${count} ${count === 1 ? 'entry' : 'entries'}; ${integrity}.`,
  ];
  for (const entry of inspection.entries) lines.push('', ...formatEntry(entry, inspection.fixtures));
  for (const warning of inspection.warnings) lines.push('', `warning: ${warning}`);
  return lines;
}

function formatEntry(entry: InspectedEntry, fixtures: string | undefined): string[] {
  const kind = entry.kind === 'private-key' ? 'PrivateKeyEntry' : 'trustedCertEntry';
  const stored = entry.createdAt === undefined ? '' : `, stored ${entry.createdAt.slice(0, 10)}`;
  const lines = [`${entry.alias}  ${kind}${stored}`];
  if (entry.key === 'unlocked') {
    const match = entry.keyMatchesCertificate
      ? 'belongs to the certificate'
      : 'does NOT belong to the certificate';
    lines.push(`  key: unlocked; ${match}`);
  } else if (entry.key === 'own-password') {
    lines.push('  key: protected by a key password of its own (give --key-passphrase-env to check it)');
  }
  entry.certificates.forEach((certificate, index) => lines.push(...formatCertificate(certificate, index)));
  if (entry.chainComplete !== undefined) {
    lines.push(
      entry.chainComplete
        ? '  chain: complete (leaf to a self-signed root, every signature checked)'
        : `  chain: incomplete: ${entry.chainGap ?? 'a link is missing'}`,
    );
  }
  if (entry.fixtureCa !== undefined) {
    lines.push(
      entry.fixtureCa === null
        ? `  fixture CA: none of the fixture set's CAs (${fixtures ?? 'fixtures'})`
        : `  fixture CA: ${entry.fixtureCa} (${fixtures ?? 'fixtures'})`,
    );
  }
  return lines;
}

function formatCertificate(certificate: InspectedCertificate, index: number): string[] {
  const left =
    certificate.daysLeft < 0
      ? `EXPIRED ${-certificate.daysLeft} days ago`
      : certificate.notYetValid
        ? `NOT YET VALID, ${certificate.daysLeft} days left`
        : `${certificate.daysLeft} days left`;
  return [
    `  [${index}] subject  ${certificate.subject}${certificate.selfSigned ? '  (self-signed)' : ''}`,
    `      issuer   ${certificate.issuer}`,
    `      valid    ${certificate.notBefore.slice(0, 10)} to ${certificate.notAfter.slice(0, 10)} (${left})`,
    `      key      ${certificate.key}, signed with ${certificate.signatureAlgorithm}`,
    `      sha256   ${certificate.fingerprintSha256}`,
  ];
}
