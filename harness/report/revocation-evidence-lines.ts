import type { RevocationEvidence } from './run-results.ts';

/**
 * The revocation data behind a verdict, as report lines: which CRL the target held (its dates, whether
 * it lists the certificate), and each OCSP answer served (when, to whom, what it said, who signed).
 */
export function revocationEvidenceLines(evidence: RevocationEvidence): string[] {
  const lines: string[] = [];
  const { crl, ocsp } = evidence;
  if (crl) {
    lines.push(
      `CRL ${crl.file} (issuer ${crl.issuer}), ${crl.heldBy}`,
      `  thisUpdate ${crl.thisUpdate}, nextUpdate ${crl.nextUpdate}${Date.parse(crl.nextUpdate) < Date.now() ? ' (EXPIRED)' : ''}`,
      `  ${crl.listsPresented ? 'lists' : 'does not list'} the presented chain's certificate`,
    );
  }
  if (ocsp) {
    lines.push(`OCSP responder ${ocsp.responder}, fault for this certificate: ${ocsp.fault}`);
    if (ocsp.exchanges.length === 0) lines.push('  no OCSP request reached it while the probe ran');
    for (const exchange of ocsp.exchanges) {
      const statuses =
        exchange.statuses.length > 0
          ? exchange.statuses.map((item) => `${item.serialNumber} (${item.issuer ?? '?'}) ${item.status}`)
          : exchange.asked.map((serial) => `${serial} not answered`);
      lines.push(
        `  ${exchange.at} ${exchange.method} from ${exchange.from}: ${exchange.responseStatus}${statuses.length > 0 ? `, ${statuses.join('; ')}` : ''}${exchange.signedBy ? `, signed by ${exchange.signedBy}` : ''}`,
      );
    }
  }
  return lines;
}
