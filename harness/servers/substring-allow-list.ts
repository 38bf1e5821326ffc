import type { CertificateSummary } from '../pki/certificate-summary.ts';

/**
 * The flawed allow-list of misconfiguration `substring-allow-list`: an entry matches when its CN value
 * (or, for a SAN entry, the value itself) appears anywhere in the subject DN's text, as an unanchored
 * regex such as `~CN=tpp1.demo.axway.com` over nginx's $ssl_client_s_dn does (ingress-nginx #8434).
 * It takes CN=tpp1.demo.axway.com.evil.test and an OU "CN=tpp1.demo.axway.com" for tpp1.
 */
export function findSubjectBySubstring(
  certificate: CertificateSummary,
  patterns: readonly string[],
): string | undefined {
  return patterns.find((pattern) => {
    const commonName = /(?:^|[,/]\s*)CN=([^,/]+)/i.exec(pattern)?.[1]?.trim();
    return certificate.subject.includes(commonName ?? pattern.trim());
  });
}
