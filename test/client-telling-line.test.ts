import { expect } from 'chai';
import { tellingLine } from '../harness/runner/client/client-telling-line.ts';

// Stderr as the real clients printed it against the client suite's servers (Python 3.11, Node 20.20,
// curl 7.88, wget 1.21, Java 17, OpenSSL 3.0), frames and certificate dumps shortened.
const pythonTraceback = `Traceback (most recent call last):
  File "/usr/lib/python3.11/urllib/request.py", line 1348, in do_open
    h.request(req.get_method(), req.selector, req.data, headers,
  File "/usr/lib/python3.11/ssl.py", line 1383, in do_handshake
    self._sslobj.do_handshake()
ssl.SSLCertVerificationError: [SSL: CERTIFICATE_VERIFY_FAILED] certificate verify failed: unable to get local issuer certificate (_ssl.c:1006)

During handling of the above exception, another exception occurred:

Traceback (most recent call last):
  File "<string>", line 2, in <module>
  File "/usr/lib/python3.11/urllib/request.py", line 1351, in do_open
    raise URLError(err)
urllib.error.URLError: <urlopen error [SSL: CERTIFICATE_VERIFY_FAILED] certificate verify failed: unable to get local issuer certificate (_ssl.c:1006)>
`;

const nodeUncaught = `node:events:502
      throw er; // Unhandled 'error' event
      ^

Error [ERR_TLS_CERT_ALTNAME_INVALID]: Hostname/IP does not match certificate's altnames: IP: 127.0.0.1 is not in the cert's list: 
    at Object.checkServerIdentity (node:tls:316:12)
    at TLSSocket.onConnectSecure (node:_tls_wrap:1709:27)
Emitted 'error' event on ClientRequest instance at:
    at emitErrorEvent (node:_http_client:101:11) {
  code: 'ERR_TLS_CERT_ALTNAME_INVALID',
  reason: "IP: 127.0.0.1 is not in the cert's list: ",
}

Node.js v20.20.2
`;

const nodeFetchInsecure = `(node:843) Warning: Setting the NODE_TLS_REJECT_UNAUTHORIZED environment variable to '0' makes TLS connections and HTTPS requests insecure by disabling certificate verification.
(Use \`node --trace-warnings ...\` to show where the warning was created)
node:internal/deps/undici/undici:14976
      Error.captureStackTrace(err);
            ^

TypeError: fetch failed
    at node:internal/deps/undici/undici:14976:13
    at process.processTicksAndRejections (node:internal/process/task_queues:95:5) {
  [cause]: [Error: 80EC8109207F0000:error:0A00042E:SSL routines:ssl3_read_bytes:tlsv1 alert protocol version:../deps/openssl/openssl/ssl/record/rec_layer_s3.c:1601:SSL alert number 70
  ] {
    library: 'SSL routines',
    reason: 'tlsv1 alert protocol version',
    code: 'ERR_SSL_TLSV1_ALERT_PROTOCOL_VERSION'
  }
}
`;

const nodeFetchCause = `TypeError: fetch failed
    at node:internal/deps/undici/undici:14976:13 {
  [cause]: Error: unable to verify the first certificate
      at TLSSocket.onConnectSecure (node:_tls_wrap:1677:34) {
    code: 'UNABLE_TO_VERIFY_LEAF_SIGNATURE'
  }
}
`;

const cases: Array<[string, string, string, string | undefined]> = [
  [
    'Python: the final exception line, not a frame nor the exception it was raised from',
    pythonTraceback,
    '',
    'urllib.error.URLError: <urlopen error [SSL: CERTIFICATE_VERIFY_FAILED] certificate verify failed: unable to get local issuer certificate (_ssl.c:1006)>',
  ],
  [
    'Node, an uncaught error: the error, not the source line quoted above it',
    nodeUncaught,
    '',
    "Error [ERR_TLS_CERT_ALTNAME_INVALID]: Hostname/IP does not match certificate's altnames: IP: 127.0.0.1 is not in the cert's list:",
  ],
  [
    'Node fetch under NODE_TLS_REJECT_UNAUTHORIZED=0: the cause and its code, not the warning',
    nodeFetchInsecure,
    '',
    'Error: tlsv1 alert protocol version (SSL alert number 70) (ERR_SSL_TLSV1_ALERT_PROTOCOL_VERSION)',
  ],
  [
    'Node fetch: the cause with its code',
    nodeFetchCause,
    '',
    'Error: unable to verify the first certificate (UNABLE_TO_VERIFY_LEAF_SIGNATURE)',
  ],
  [
    'curl: its numbered error, though it has no word of failure',
    "curl: (60) SSL: no alternative certificate subject name matches target host name '127.0.0.1'\nMore details here: https://curl.se/docs/sslcerts.html\n\ncurl failed to verify the legitimacy of the server and therefore could not\n",
    '',
    "curl: (60) SSL: no alternative certificate subject name matches target host name '127.0.0.1'",
  ],
  [
    'wget: the ERROR line, not the CA it loaded',
    "--2026-12-04 06:00:48--  https://127.0.0.1:40751/\nLoaded CA certificate '/tmp/ca1.crt'\nConnecting to 127.0.0.1:40751... connected.\nERROR: The certificate of ‘127.0.0.1’ is not trusted.\n",
    '',
    'ERROR: The certificate of ‘127.0.0.1’ is not trusted.',
  ],
  [
    'wget on a name mismatch: a line with no word of failure but its own',
    "--2026-12-04 06:09:53--  https://127.0.0.1:44427/\nLoaded CA certificate '/tmp/ca1.crt'\nConnecting to 127.0.0.1:44427... connected.\nThe certificate's owner does not match hostname ‘127.0.0.1’\n",
    '',
    "The certificate's owner does not match hostname ‘127.0.0.1’",
  ],
  [
    'Java: the exception, not its frames nor its cause',
    'Exception in thread "main" javax.net.ssl.SSLHandshakeException: No subject alternative names matching IP address 127.0.0.1 found\n\tat java.base/sun.security.ssl.Alert.createSSLException(Alert.java:131)\nCaused by: java.security.cert.CertificateException: No subject alternative names matching IP address 127.0.0.1 found\n',
    '',
    'Exception in thread "main" javax.net.ssl.SSLHandshakeException: No subject alternative names matching IP address 127.0.0.1 found',
  ],
  [
    'openssl: the verify error, and an OpenSSL error string reduced to its reason',
    'depth=0 C = BR, O = Rogue Ltd, CN = rogue.demo.axway.com\nverify error:num=20:unable to get local issuer certificate\n',
    '',
    'verify error:num=20:unable to get local issuer certificate',
  ],
  [
    'an OpenSSL error string alone',
    '40E77AD37A7F0000:error:0A00014D:SSL routines:tls_process_key_exchange:legacy sigalg disallowed or unsupported:../ssl/statem/statem_clnt.c:2254:\n',
    '',
    'legacy sigalg disallowed or unsupported',
  ],
  [
    'stdout when stderr says nothing',
    '',
    'HTTP 403 forbidden: certificate refused\n',
    'HTTP 403 forbidden: certificate refused',
  ],
  ['nothing that tells', 'ok\n', 'done\n', undefined],
];

describe('client suite: the line of a client’s output that says why it gave up', () => {
  for (const [title, stderr, stdout, expected] of cases) {
    it(title, () => {
      expect(tellingLine(stderr, stdout)).to.equal(expected);
    });
  }
});
