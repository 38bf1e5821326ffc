import { expect } from 'chai';
import {
  alertFromError,
  classifyHandshakeError,
  classifyPostHandshakeError,
} from '../harness/probe/classify-tls-error.ts';
import { tlsAlert, tlsAlertNames } from '../harness/probe/tls-alerts.ts';

function sslError(code: string, message: string): Error & { code: string } {
  return Object.assign(new Error(message), { code });
}

// Messages as Node 20 / OpenSSL 3.0 raise them (the number comes from ssl/record/rec_layer_s3.c).
const opensslErrors = [
  {
    code: 'ERR_SSL_SSLV3_ALERT_CERTIFICATE_EXPIRED',
    message:
      'C0:error:0A000415:SSL routines:ssl3_read_bytes:sslv3 alert certificate expired:../deps/openssl/openssl/ssl/record/rec_layer_s3.c:1605:SSL alert number 45\n',
    alert: { code: 45, name: 'certificate_expired' },
  },
  {
    code: 'ERR_SSL_TLSV13_ALERT_CERTIFICATE_REQUIRED',
    message:
      'C0:error:0A00045C:SSL routines:ssl3_read_bytes:tlsv13 alert certificate required:../deps/openssl/openssl/ssl/record/rec_layer_s3.c:1605:SSL alert number 116\n',
    alert: { code: 116, name: 'certificate_required' },
  },
  // The code alone, when a message carries no number.
  {
    code: 'ERR_SSL_TLSV1_ALERT_UNKNOWN_CA',
    message: 'tlsv1 alert unknown ca',
    alert: { code: 48, name: 'unknown_ca' },
  },
  {
    code: 'ERR_SSL_TLSV1_ALERT_ACCESS_DENIED',
    message: 'tlsv1 alert access denied',
    alert: { code: 49, name: 'access_denied' },
  },
  {
    code: 'ERR_SSL_SSLV3_ALERT_BAD_CERTIFICATE',
    message: 'sslv3 alert bad certificate',
    alert: { code: 42, name: 'bad_certificate' },
  },
  {
    code: 'ERR_SSL_TLSV1_UNRECOGNIZED_NAME',
    message: 'tlsv1 unrecognized name',
    alert: { code: 112, name: 'unrecognized_name' },
  },
  {
    code: 'ERR_SSL_TLSV1_ALERT_USER_CANCELLED',
    message: 'tlsv1 alert user cancelled',
    alert: { code: 90, name: 'user_canceled' },
  },
  // The number wins over the code.
  {
    code: 'ERR_SSL_SOMETHING',
    message: '...:SSL alert number 40',
    alert: { code: 40, name: 'handshake_failure' },
  },
  // Not alerts the server sent.
  { code: 'ERR_SSL_WRONG_VERSION_NUMBER', message: 'ssl3_get_record:wrong version number', alert: undefined },
  { code: 'ECONNRESET', message: 'read ECONNRESET', alert: undefined },
];

describe('TLS alerts from OpenSSL errors', () => {
  for (const { code, message, alert } of opensslErrors) {
    it(`${code} → ${alert ? `${alert.code} ${alert.name}` : 'no alert'}`, () => {
      expect(alertFromError(sslError(code, message))).to.deep.equal(alert);
    });
  }

  it('names every alert of RFC 8446 §6 and RFC 5246 §7.2, and unknown numbers plainly', () => {
    expect(tlsAlertNames.size).to.equal(36);
    expect(tlsAlert(116)).to.deep.equal({ code: 116, name: 'certificate_required' });
    expect(tlsAlert(0)).to.deep.equal({ code: 0, name: 'close_notify' });
    expect(tlsAlert(200)).to.deep.equal({ code: 200, name: 'unknown_alert_200' });
  });
});

describe('classifying connection failures by stage', () => {
  const alertError = sslError('ERR_SSL_TLSV1_ALERT_UNKNOWN_CA', 'x:SSL alert number 48');
  const reset = sslError(
    'ECONNRESET',
    'Client network socket disconnected before secure TLS connection was established',
  );
  const cases = [
    {
      during: 'handshake',
      error: alertError,
      bytes: 100,
      want: ['rejected', 'tls-handshake', 'server sent TLS alert 48 unknown_ca during the handshake'],
    },
    {
      during: 'handshake',
      error: reset,
      bytes: 1200,
      want: [
        'rejected',
        'tls-handshake',
        'server hung up during the handshake without a TLS alert (ECONNRESET), as Node.js servers do when they refuse a client certificate',
      ],
    },
    {
      during: 'handshake',
      error: reset,
      bytes: 0,
      want: [
        'error',
        'tls-handshake',
        'server closed the connection before sending any TLS data (ECONNRESET); is a TLS server listening there?',
      ],
    },
    {
      during: 'handshake',
      error: 'closed',
      bytes: 0,
      want: [
        'error',
        'tls-handshake',
        'server closed the connection before sending any TLS data; is a TLS server listening there?',
      ],
    },
    {
      during: 'handshake',
      error: sslError(
        'ERR_SSL_UNSUPPORTED_PROTOCOL',
        'C0:error:0A000102:SSL routines:ssl_choose_client_version:unsupported protocol:x.c:1',
      ),
      bytes: 60,
      want: ['error', 'tls-handshake', "TLS handshake failed on the probe's side: unsupported protocol"],
    },
    {
      during: 'after',
      error: alertError,
      bytes: 0,
      want: [
        'rejected',
        'after-handshake',
        'server sent TLS alert 48 unknown_ca after the handshake, instead of a response',
      ],
    },
    {
      during: 'after',
      error: sslError('EPIPE', 'write EPIPE'),
      bytes: 0,
      want: [
        'rejected',
        'after-handshake',
        'server reset the connection after the handshake, before any response and without a TLS alert (EPIPE)',
      ],
    },
    {
      during: 'after',
      error: 'closed',
      bytes: 0,
      want: [
        'rejected',
        'after-handshake',
        'server closed the connection after the handshake, without a response or a TLS alert',
      ],
    },
  ] as const;
  for (const { during, error, bytes, want } of cases) {
    const label = error === 'closed' ? 'a close' : error.code;
    it(`${label} ${during === 'after' ? 'after the handshake' : `during the handshake, ${bytes} bytes in`}: ${want[0]} at ${want[1]}`, () => {
      const verdict =
        during === 'handshake'
          ? classifyHandshakeError(error, { bytesFromServer: bytes })
          : classifyPostHandshakeError(error);
      expect([verdict.outcome, verdict.stage, verdict.reason]).to.deep.equal(want);
    });
  }
});
