/** The nginx file of every CRL the target's trust needs (readCrlBundle), beside nginx.conf. */
export const NGINX_CRL_FILE = 'client-crl.pem';

export interface NginxRevocationParams {
  /** CA names whose CRLs are in the CRL file; none: no `ssl_crl` line. */
  crlCas: readonly string[];
  /** `expired`: the file holds the expired CRLs (stale-crl), named in a comment. */
  crlFile: 'current' | 'expired';
  /** `ssl_ocsp_responder` URL; none: no OCSP lines. */
  ocspResponder?: string;
}

/**
 * The revocation lines of the server block (nginx ≥ 1.19 for ssl_ocsp). `ssl_crl` makes OpenSSL check
 * the CRL of every CA in the chain (nginx sets X509_V_FLAG_CRL_CHECK | X509_V_FLAG_CRL_CHECK_ALL), so
 * the file must hold a CRL for each, or every client is refused with "unable to get certificate CRL".
 */
export function renderNginxRevocation(params: NginxRevocationParams): string[] {
  const lines: string[] = [];
  if (params.crlCas.length > 0) {
    lines.push(
      '',
      '        # Revocation: the CRL of every CA a client chain may pass through, in one PEM file. nginx',
      '        # checks the whole chain against it; a CA without a CRL here refuses all of its clients.',
      `        # CRLs of: ${params.crlCas.join(', ')}${params.crlFile === 'expired' ? ' (EXPIRED ones, for stale-crl: every client is refused)' : ''}.`,
      `        ssl_crl                ${NGINX_CRL_FILE};`,
    );
  }
  if (params.ocspResponder !== undefined) {
    lines.push(
      '',
      '        # OCSP for client certificates (off by default): the status of every certificate in the',
      '        # chain is asked of this responder, whatever URL the certificates carry. nginx refuses a',
      '        # client whose status it cannot learn (responder down, "unknown"): it fails closed.',
      '        ssl_ocsp               on;',
      `        ssl_ocsp_responder     ${params.ocspResponder};`,
    );
  }
  return lines;
}
