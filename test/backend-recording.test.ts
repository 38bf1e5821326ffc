import { connect, type Socket } from 'node:net';
import { expect } from 'chai';
import { HarnessError } from '../harness/common/harness-error.ts';
import { readBackendEcho } from '../harness/servers/backend-echo.ts';
import { RecordingBackend } from '../harness/servers/recording-backend.ts';
import type { StartedRecordingBackend } from '../harness/servers/started-recording-backend.ts';

/** Sends raw bytes to the backend and resolves with everything it answers until it closes. */
function rawRequest(port: number, bytes: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1', () => socket.end(bytes));
    let answer = '';
    socket.on('data', (chunk: Buffer) => (answer += chunk.toString('latin1')));
    socket.on('close', () => resolve(answer));
    socket.on('error', reject);
  });
}

const bodyOf = (answer: string) => answer.slice(answer.indexOf('\r\n\r\n') + 4);

/**
 * The application behind a gateway under test: it must record exactly what reached it (every line,
 * repeated names apart, what its parser refused) and answer with the echo contract, since the backend
 * scenarios are judged on its record.
 */
describe('recording backend', () => {
  let backend: StartedRecordingBackend;

  beforeEach(async () => {
    backend = await new RecordingBackend().withMaxRecords(3).start();
  });

  afterEach(() => backend.stop());

  it('records every header line as received, by request id, and echoes them', async () => {
    const answer = await rawRequest(
      backend.port,
      'GET /echo?x=1 HTTP/1.0\r\nHost: app\r\nX-SSL-Client-Cert: one\r\nx-ssl-client-cert: two\r\nX_SSL_Client_Cert: three\r\nX-Mtlsc-Request-Id: r1\r\n\r\n',
    );
    expect(answer).to.match(/^HTTP\/1\.1 200 /);
    const expected: [string, string][] = [
      ['Host', 'app'],
      ['X-SSL-Client-Cert', 'one'],
      ['x-ssl-client-cert', 'two'],
      ['X_SSL_Client_Cert', 'three'],
      ['X-Mtlsc-Request-Id', 'r1'],
    ];
    expect(backend.lookup('r1')).to.deep.include({
      kind: 'request',
      method: 'GET',
      path: '/echo?x=1',
      headers: expected,
    });
    expect(readBackendEcho(bodyOf(answer))).to.deep.equal({ headers: expected });
  });

  it('records a request its parser refuses (a bare LF fold, as nginx $ssl_client_cert sends) under its id, and answers 400', async () => {
    const answer = await rawRequest(
      backend.port,
      'GET /echo HTTP/1.0\r\nX-Mtlsc-Request-Id: r2\r\nX-SSL-Client-Cert: -----BEGIN CERTIFICATE-----\n\tMIIB\r\n\r\n',
    );
    expect(answer).to.match(/^HTTP\/1\.1 400 /);
    expect(backend.lookup('r2')).to.deep.include({ kind: 'unparsable', code: 'HPE_CR_EXPECTED' });
  });

  it('keeps the newest records only, so a long run stays flat in memory', async () => {
    for (const id of ['a', 'b', 'c', 'd']) {
      await rawRequest(backend.port, `GET / HTTP/1.0\r\nX-Mtlsc-Request-Id: ${id}\r\n\r\n`);
    }
    expect(backend.records.map((record) => record.requestId)).to.deep.equal(['b', 'c', 'd']);
    expect(backend.lookup('a')).to.equal(undefined);
    expect(backend.lookup('d')?.kind).to.equal('request');
  });

  it('stops at once, even with a gateway holding a connection open', async () => {
    const idle: Socket = connect(backend.port, '127.0.0.1');
    await new Promise((resolve) => idle.once('connect', resolve));
    const closed = new Promise((resolve) => idle.once('close', resolve));
    await backend.stop();
    await closed;
    await backend.stop();
  });

  it('listens on loopback only: it records whatever reaches it', () => {
    expect(() => new RecordingBackend().withHost('0.0.0.0')).to.throw(
      HarnessError,
      /loopback only; use 127\.0\.0\.1/,
    );
  });
});

describe('echo contract', () => {
  it('reads [name, value] pairs, and httpbin’s object of names', () => {
    expect(readBackendEcho('{"headers":[["A","1"],["A","2"]]}')).to.deep.equal({
      headers: [
        ['A', '1'],
        ['A', '2'],
      ],
    });
    expect(readBackendEcho('{"headers":{"A":"1","B":["2","3"]}}')).to.deep.equal({
      headers: [
        ['A', '1'],
        ['B', '2'],
        ['B', '3'],
      ],
    });
  });

  const notEchoes: [string, RegExp][] = [
    ['ok', /not JSON/],
    ['{"status":"ok"}', /no "headers" list/],
    ['{"headers":[["A"]]}', /not a \[name, value\] pair/],
    ['{"headers":{"A":1}}', /neither a string nor a list/],
  ];
  for (const [body, problem] of notEchoes) {
    it(`says why ${body} is not an echo`, () => {
      const read = readBackendEcho(body);
      expect('problem' in read && read.problem).to.match(problem);
    });
  }
});
