import { expect } from 'chai';
import { execFile } from 'node:child_process';
import { X509Certificate } from 'node:crypto';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { createServer, type TlsOptions } from 'node:tls';
import type { AddressInfo } from 'node:net';
import { summarizeCertificate } from '../harness/pki/certificate-summary.ts';
import type { FixtureSet } from '../harness/pki/fixture-set.ts';
import { forgetAcceptableCaNames, readAcceptableCaNames } from '../harness/probe/acceptable-ca-names.ts';
import { formatDerDistinguishedName } from '../harness/probe/der-distinguished-name.ts';
import { ServerFlightReader, parseCertificateRequest } from '../harness/probe/parse-certificate-request.ts';
import { testFixtures } from './support/fixtures.ts';
import { startTcpServer } from './support/probe-test-servers.ts';

const execFileAsync = promisify(execFile);

/** A TLS server that counts handshake attempts; its CertificateRequest is what the test reads. */
async function startTlsServer(
  options: TlsOptions,
): Promise<{ port: number; attempts(): number; close(): Promise<void> }> {
  let attempts = 0;
  const server = createServer(options, (socket) => socket.end());
  server.on('connection', () => {
    attempts += 1;
  });
  server.on('tlsClientError', () => undefined);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    port: (server.address() as AddressInfo).port,
    attempts: () => attempts,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

describe('acceptable CA names from a TLS 1.2 CertificateRequest', () => {
  let fixtures: FixtureSet;
  let serverOptions: TlsOptions;
  before(async () => {
    fixtures = await testFixtures();
    serverOptions = {
      key: fixtures.identity('server').privateKeyPem,
      cert: fixtures.certificatePem('server'),
    };
  });
  beforeEach(() => forgetAcceptableCaNames());

  const cases = [
    {
      title: 'ca: [ca1, ca2] lists both (the same DN twice)',
      ca: ['ca1', 'ca2'],
      maxVersion: 'TLSv1.3' as const,
    },
    {
      title: 'ca: [rogue-ca, intermediate-ca] lists them in order',
      ca: ['rogue-ca', 'intermediate-ca'],
      maxVersion: 'TLSv1.2' as const,
    },
  ];
  for (const { title, ca, maxVersion } of cases) {
    it(`a Node tls server with requestCert and ${title}`, async () => {
      const server = await startTlsServer({
        ...serverOptions,
        ca: ca.map((name) => fixtures.certificatePem(name)),
        requestCert: true,
        maxVersion,
      });
      try {
        const reading = await readAcceptableCaNames(
          { host: '127.0.0.1', port: server.port, servername: 'localhost' },
          2000,
        );
        expect(reading).to.deep.equal({
          names: {
            obtained: true,
            names: ca.map((name) => summarizeCertificate(fixtures.certificatePem(name)).subject),
          },
          certificateRequested: true,
        });
      } finally {
        await server.close();
      }
    });
  }

  it('a server that does not request a certificate: not obtained, and not requested', async () => {
    const server = await startTlsServer(serverOptions);
    try {
      const reading = await readAcceptableCaNames(
        { host: '127.0.0.1', port: server.port, servername: undefined },
        2000,
      );
      expect(reading.certificateRequested).to.equal(false);
      expect(reading.names).to.deep.equal({
        obtained: false,
        why: 'the server sends no CertificateRequest in a TLS 1.2 handshake: it does not ask for a client certificate',
      });
    } finally {
      await server.close();
    }
  });

  it('a TLS 1.3-only server: not obtained, with the protocol_version alert as the reason', async () => {
    const server = await startTlsServer({ ...serverOptions, requestCert: true, minVersion: 'TLSv1.3' });
    try {
      const reading = await readAcceptableCaNames(
        { host: '127.0.0.1', port: server.port, servername: undefined },
        2000,
      );
      expect(reading.certificateRequested).to.equal(undefined);
      expect(reading.names).to.deep.equal({
        obtained: false,
        why: "the server refuses TLS 1.2 (alert 70 protocol_version); under TLS 1.3 its CertificateRequest is encrypted, out of the probe's sight",
      });
    } finally {
      await server.close();
    }
  });

  it('reads once per host, port and SNI name for the life of the process', async () => {
    const server = await startTlsServer({
      ...serverOptions,
      ca: fixtures.certificatePem('ca1'),
      requestCert: true,
    });
    try {
      const target = { host: '127.0.0.1', port: server.port, servername: 'localhost' };
      const [first, second] = await Promise.all([
        readAcceptableCaNames(target, 2000),
        readAcceptableCaNames(target, 2000),
      ]);
      const third = await readAcceptableCaNames(target, 2000);
      expect(second).to.equal(first);
      expect(third).to.equal(first);
      expect(server.attempts()).to.equal(1);
      await readAcceptableCaNames({ ...target, servername: 'other.example' }, 2000);
      expect(server.attempts()).to.equal(2);
    } finally {
      await server.close();
    }
  });

  it('a silent server: not obtained within its timeout, and not remembered', async () => {
    const server = await startTcpServer(() => undefined);
    try {
      const target = { host: '127.0.0.1', port: server.port, servername: undefined };
      const reading = await readAcceptableCaNames(target, 200);
      expect(reading.names).to.deep.equal({
        obtained: false,
        why: "no ServerHelloDone within 200 ms of the probe's TLS 1.2 ClientHello",
      });
      await readAcceptableCaNames(target, 200);
      expect(server.connections()).to.equal(2);
    } finally {
      await server.close();
    }
  });

  it('garbage instead of TLS: not obtained, with the bytes shown', async () => {
    const server = await startTcpServer((socket) => socket.end('HTTP/1.1 400 Bad Request\r\n\r\n'));
    try {
      const reading = await readAcceptableCaNames(
        { host: '127.0.0.1', port: server.port, servername: undefined },
        2000,
      );
      expect(reading.names).to.deep.equal({
        obtained: false,
        why: 'unreadable TLS 1.2 handshake: the server sent bytes that are not a TLS record (0x485454502f)',
      });
    } finally {
      await server.close();
    }
  });
});

describe('ServerFlightReader and parseCertificateRequest (pure)', () => {
  // DER of the Name `C=BR, CN=A` and a CertificateRequest that lists it (RFC 5246 §7.4.4).
  const name = Buffer.from('3019310b3009060355040613024252310a300806035504030c0141', 'hex');
  const certificateRequest = (minor: number): Buffer =>
    Buffer.concat([
      Buffer.from([1, 1]), // certificate_types: rsa_sign
      ...(minor >= 3 ? [Buffer.from([0, 2, 4, 1])] : []), // supported_signature_algorithms: rsa_pkcs1_sha256
      Buffer.from([0, name.length + 2, 0, name.length]),
      name,
    ]);
  const handshake = (type: number, body: Buffer): Buffer =>
    Buffer.concat([Buffer.from([type, 0, body.length >> 8, body.length & 0xff]), body]);
  const record = (type: number, fragment: Buffer): Buffer =>
    Buffer.concat([Buffer.from([type, 3, 3, fragment.length >> 8, fragment.length & 0xff]), fragment]);
  const serverHello = handshake(2, Buffer.from([3, 3, ...new Array<number>(32).fill(0), 0, 0xc0, 0x2f, 0]));

  it('formats the DER name like a certificate summary', () => {
    expect(formatDerDistinguishedName(name)).to.equal('C=BR, CN=A');
  });

  it('finds the CertificateRequest across records split at any byte', () => {
    const flight = record(
      22,
      Buffer.concat([serverHello, handshake(13, certificateRequest(3)), handshake(14, Buffer.alloc(0))]),
    );
    for (let split = 1; split < flight.length; split += 7) {
      const reader = new ServerFlightReader();
      expect(reader.push(flight.subarray(0, split)).kind).to.equal('incomplete');
      expect(reader.push(flight.subarray(split))).to.deep.equal({
        kind: 'certificate-request',
        certificateAuthorities: [name],
      });
    }
  });

  it('reads the TLS 1.0/1.1 form, which has no signature algorithms', () => {
    expect(parseCertificateRequest(certificateRequest(1), 1)).to.deep.equal([name]);
  });

  it('reports an alert record', () => {
    expect(new ServerFlightReader().push(record(21, Buffer.from([2, 70])))).to.deep.equal({
      kind: 'alert',
      alert: { code: 70, name: 'protocol_version' },
    });
  });

  it('calls a truncated CertificateRequest malformed instead of throwing', () => {
    const truncated = certificateRequest(3).subarray(0, 6);
    const flight = new ServerFlightReader().push(
      record(22, Buffer.concat([serverHello, handshake(13, truncated)])),
    );
    expect(flight).to.deep.equal({
      kind: 'malformed',
      detail: 'truncated CertificateRequest (certificate_authorities)',
    });
  });

  it('formats every fixture subject (UTF-8, multi-attribute) exactly as summarizeCertificate does', async () => {
    const fixtures = await testFixtures();
    for (const fixture of fixtures.names()) {
      const x509 = new X509Certificate(fixtures.certificatePem(fixture));
      const subjectDer = extractSubjectDer(x509.raw);
      expect(formatDerDistinguishedName(subjectDer), fixture).to.equal(summarizeCertificate(x509).subject);
    }
  });

  it('escapes and joins multi-valued RDNs as Node prints a certificate made by openssl req', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'probe-dn-'));
    try {
      const file = join(dir, 'subject.crt');
      // RFC 4514 specials, a leading # and trailing space, a multi-valued RDN, UTF-8.
      const subject = '/C=BR/O=A\\, B\\+C/OU=x+CN=multi/L=São Paulo/CN=\\#a "q" <x>; y\\\\z ';
      await execFileAsync('openssl', [
        ...['req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:P-256', '-nodes'],
        ...['-keyout', join(dir, 'key.pem'), '-out', file, '-days', '1', '-utf8', '-subj', subject],
      ]);
      const x509 = new X509Certificate(await readFile(file));
      expect(formatDerDistinguishedName(extractSubjectDer(x509.raw))).to.equal(
        summarizeCertificate(x509).subject,
      );
      expect(summarizeCertificate(x509).subject).to.include('OU=x + CN=multi');
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});

/** The subject Name of a DER certificate: tbsCertificate's sixth element (fifth without a version). */
function extractSubjectDer(certificate: Buffer): Buffer {
  const children = (der: Buffer, offset: number): { start: number; end: number }[] => {
    const out: { start: number; end: number }[] = [];
    const { valueStart, valueEnd } = header(der, offset);
    for (let at = valueStart; at < valueEnd;) {
      const element = header(der, at);
      out.push({ start: at, end: element.valueEnd });
      at = element.valueEnd;
    }
    return out;
  };
  const tbs = children(certificate, 0)[0];
  if (!tbs) throw new Error('no tbsCertificate');
  const fields = children(certificate, tbs.start);
  const hasVersion = certificate[fields[0]?.start ?? 0] === 0xa0;
  const subject = fields[hasVersion ? 5 : 4];
  if (!subject) throw new Error('no subject');
  return certificate.subarray(subject.start, subject.end);
}

function header(der: Buffer, offset: number): { valueStart: number; valueEnd: number } {
  const first = der[offset + 1] ?? 0;
  if (first < 0x80) return { valueStart: offset + 2, valueEnd: offset + 2 + first };
  const octets = first & 0x7f;
  const length = der.readUIntBE(offset + 2, octets);
  return { valueStart: offset + 2 + octets, valueEnd: offset + 2 + octets + length };
}
