import type { TlsAlert } from './observation.ts';

/**
 * Every TLS alert description in the IANA "TLS Alerts" registry: RFC 8446 §6 and RFC 5246 §7.2 (the
 * values TLS 1.3 marks `_RESERVED` keep their TLS 1.2 names, since TLS 1.2 servers still send them),
 * plus the later RFCs each entry cites.
 */
export const tlsAlertNames: ReadonlyMap<number, string> = new Map([
  [0, 'close_notify'],
  [10, 'unexpected_message'],
  [20, 'bad_record_mac'],
  [21, 'decryption_failed'],
  [22, 'record_overflow'],
  [30, 'decompression_failure'],
  [40, 'handshake_failure'],
  // SSL 3.0 only; RFC 5246 §7.2 reserves it.
  [41, 'no_certificate'],
  [42, 'bad_certificate'],
  [43, 'unsupported_certificate'],
  [44, 'certificate_revoked'],
  [45, 'certificate_expired'],
  [46, 'certificate_unknown'],
  [47, 'illegal_parameter'],
  [48, 'unknown_ca'],
  [49, 'access_denied'],
  [50, 'decode_error'],
  [51, 'decrypt_error'],
  // DTLS 1.3 connection ids, RFC 9146 §6.
  [53, 'too_many_cids_requested'],
  [60, 'export_restriction'],
  [70, 'protocol_version'],
  [71, 'insufficient_security'],
  [80, 'internal_error'],
  // RFC 7507 (TLS_FALLBACK_SCSV).
  [86, 'inappropriate_fallback'],
  [90, 'user_canceled'],
  [100, 'no_renegotiation'],
  [109, 'missing_extension'],
  [110, 'unsupported_extension'],
  [111, 'certificate_unobtainable'],
  [112, 'unrecognized_name'],
  [113, 'bad_certificate_status_response'],
  [114, 'bad_certificate_hash_value'],
  [115, 'unknown_psk_identity'],
  [116, 'certificate_required'],
  // RFC 7301 (ALPN).
  [120, 'no_application_protocol'],
  // Encrypted Client Hello (draft-ietf-tls-esni, registered by IANA).
  [121, 'ech_required'],
]);

/** The alert with this description number; unregistered numbers get the name `unknown_alert_<n>`. */
export function tlsAlert(code: number): TlsAlert {
  return { code, name: tlsAlertNames.get(code) ?? `unknown_alert_${code}` };
}

const codeByName = new Map([...tlsAlertNames].map(([code, name]) => [name, code]));

// Where OpenSSL's reason codes (`SSL_R_TLSV1_ALERT_USER_CANCELLED`, ssl/ssl_err.c) spell an alert
// differently from the RFC.
const openSslAliases: ReadonlyMap<string, string> = new Map([['user_cancelled', 'user_canceled']]);

/** The alert an OpenSSL reason names (`certificate_expired`, `user_cancelled`), when it is one. */
export function tlsAlertByName(name: string): TlsAlert | undefined {
  const canonical = openSslAliases.get(name) ?? name;
  const code = codeByName.get(canonical);
  return code === undefined ? undefined : tlsAlert(code);
}
