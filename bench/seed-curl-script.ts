/** The endpoints of the seed's test plan: one nginx trusting CA1+CA2, one trusting CA1 only. */
export interface SeedPlanUrls {
  bothCas: string;
  ca1Only: string;
}

/**
 * The seed's curl test plan (002_…, "Test the MTLS setup") as a shell script: without a certificate,
 * with tpp1 and with tpp2 against the CA1+CA2 endpoint, then tpp2 against the CA1-only one. Each prints
 * its HTTP status (400 200 200 400 when nginx is configured right). `--cacert` replaces the seed's
 * public server certificate, since these nginx run with the fixture server certificate.
 */
export function seedCurlScript(fixturesDir: string, urls: SeedPlanUrls): string {
  const file = (name: string) => `'${fixturesDir}/${name}'`;
  const curl = `curl -s -o /dev/null -w '%{http_code}\\n' --cacert ${file('ca1.crt')}`;
  return [
    '#!/bin/sh',
    `${curl} '${urls.bothCas}'`,
    `${curl} '${urls.bothCas}' --cert ${file('tpp1.crt')} --key ${file('tpp1.key')}`,
    `${curl} '${urls.bothCas}' --cert ${file('tpp2.crt')} --key ${file('tpp2.key')}`,
    `${curl} '${urls.ca1Only}' --cert ${file('tpp2.crt')} --key ${file('tpp2.key')}`,
    '',
  ].join('\n');
}
