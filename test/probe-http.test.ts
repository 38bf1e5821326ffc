import { expect } from 'chai';
import type { IncomingMessage } from 'node:http';
import type { TLSSocket } from 'node:tls';
import type { FixtureSet } from '../harness/pki/fixture-set.ts';
import { summarizeCertificate } from '../harness/pki/certificate-summary.ts';
import { forgetAcceptableCaNames } from '../harness/probe/acceptable-ca-names.ts';
import { classifyHttpResponse, httpRefusalRules } from '../harness/probe/classify-http-response.ts';
import { HttpResponseParser } from '../harness/probe/http-response-parser.ts';
import { probeTarget } from '../harness/probe/probe-target.ts';
import { testFixtures } from './support/fixtures.ts';
import {
  nginxCertificateErrorPage,
  nginxNoCertificatePage,
  startHttpsServer,
  type StartedTestServer,
} from './support/probe-test-servers.ts';

interface SeenRequest {
  method: string;
  url: string;
  headers: IncomingMessage['headers'];
  body: string;
  servername: string | false | null;
}

describe('probeTarget over HTTPS: the request, the response and the server judged', () => {
  let fixtures: FixtureSet;
  let server: StartedTestServer;
  let seen: SeenRequest[];
  let answer: { status: number; headers?: Record<string, string>; chunks: string[] };
  before(async () => {
    fixtures = await testFixtures();
    server = await startHttpsServer(
      {
        key: fixtures.identity('server').privateKeyPem,
        cert: fixtures.certificatePem('server'),
        ca: fixtures.certificatePem('ca1'),
        requestCert: true,
        rejectUnauthorized: false,
      },
      (request, response) => {
        const chunks: Buffer[] = [];
        request.on('data', (chunk: Buffer) => chunks.push(chunk));
        request.on('end', () => {
          seen.push({
            method: request.method ?? '',
            url: request.url ?? '',
            headers: request.headers,
            body: Buffer.concat(chunks).toString('utf8'),
            servername: (request.socket as TLSSocket).servername,
          });
          response.writeHead(answer.status, answer.headers);
          // Several writes without a Content-Length: Node sends a chunked body.
          for (const chunk of answer.chunks) response.write(chunk);
          response.end();
        });
      },
    );
  });
  after(() => server.close());
  beforeEach(() => {
    seen = [];
    answer = {
      status: 200,
      headers: { 'content-type': 'application/json' },
      chunks: ['{"status":', '"ok"}'],
    };
    forgetAcceptableCaNames();
  });

  it('sends GET of the path with Host and Connection: close, and SNI from the host name', async () => {
    const observation = await probeTarget({ url: `https://localhost:${server.port}/healthcheck?x=1` });
    expect(observation).to.include({
      outcome: 'accepted',
      stage: 'http',
      reason: 'server answered HTTP 200 OK',
    });
    expect(seen).to.have.length(1);
    expect(seen[0]).to.deep.include({ method: 'GET', url: '/healthcheck?x=1', servername: 'localhost' });
    expect(seen[0]?.headers).to.include({ host: `localhost:${server.port}`, connection: 'close' });
    expect(observation.http).to.deep.equal({
      status: 200,
      headers: { 'content-type': 'application/json' },
      bodyExcerpt: '{"status":"ok"}',
      body: '{"status":"ok"}',
      bodyTruncated: false,
    });
  });

  it('sends no SNI to an IP address, and judges the name against the IP SAN', async () => {
    const observation = await probeTarget({ url: `https://127.0.0.1:${server.port}/` });
    expect(seen[0]?.servername).to.equal(false);
    expect(observation.tls?.hostnameMatches).to.equal(true);
  });

  it('POSTs a body with its headers, and returns the whole body for a token endpoint to parse', async () => {
    const token = JSON.stringify({ access_token: 'a'.repeat(1000), token_type: 'Bearer' });
    answer = {
      status: 200,
      headers: { 'content-type': 'application/json' },
      chunks: [token.slice(0, 500), token.slice(500)],
    };
    const observation = await probeTarget({
      url: `https://localhost:${server.port}/token`,
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded', Accept: 'application/json' },
      body: 'grant_type=client_credentials&client_id=tpp1',
      identity: fixtures.identity('tpp1'),
    });
    expect(seen[0]).to.deep.include({ method: 'POST', body: 'grant_type=client_credentials&client_id=tpp1' });
    expect(seen[0]?.headers).to.include({
      'content-type': 'application/x-www-form-urlencoded',
      accept: 'application/json',
      'content-length': '44',
    });
    expect(observation.http?.body).to.equal(token);
    expect(observation.http?.bodyExcerpt).to.equal(token.slice(0, 300));
    expect(observation.clientCertificate?.subject).to.include('CN=tpp1.demo.axway.com');
  });

  it('reads at most maxBodyBytes and says the body was truncated', async () => {
    answer = { status: 200, chunks: ['x'.repeat(3000), 'y'.repeat(3000)] };
    const observation = await probeTarget({ url: `https://localhost:${server.port}/big`, maxBodyBytes: 100 });
    expect(observation.outcome).to.equal('accepted');
    expect(observation.http?.body).to.equal('x'.repeat(100));
    expect(observation.http?.bodyTruncated).to.equal(true);
  });

  it('reads no body after HEAD', async () => {
    answer = { status: 200, headers: { 'content-length': '15' }, chunks: [] };
    const observation = await probeTarget({ url: `https://localhost:${server.port}/`, method: 'HEAD' });
    expect(observation).to.include({ outcome: 'accepted', stage: 'http' });
    expect(observation.http?.body).to.equal('');
  });

  const statuses = [
    {
      status: 400,
      page: 'nginx "No required SSL certificate was sent"',
      body: nginxNoCertificatePage,
      outcome: 'rejected',
      reason: /No required SSL certificate was sent/,
    },
    {
      status: 400,
      page: 'nginx "The SSL certificate error"',
      body: nginxCertificateErrorPage,
      outcome: 'rejected',
      reason: /The SSL certificate error/,
    },
    {
      status: 400,
      page: 'an OAuth error',
      body: '{"error":"invalid_request"}',
      outcome: 'accepted',
      reason: /^server answered HTTP 400 Bad Request$/,
    },
    { status: 401, body: '', outcome: 'rejected', reason: /^server answered HTTP 401 Unauthorized$/ },
    { status: 403, body: 'forbidden', outcome: 'rejected', reason: /^server answered HTTP 403 Forbidden$/ },
    { status: 495, body: '', outcome: 'rejected', reason: /495 SSL Certificate Error/ },
    { status: 496, body: '', outcome: 'rejected', reason: /496 SSL Certificate Required/ },
    { status: 302, body: '', outcome: 'accepted', reason: /^server answered HTTP 302 Found$/ },
    { status: 404, body: 'not found', outcome: 'accepted', reason: /^server answered HTTP 404 Not Found$/ },
    { status: 503, body: '', outcome: 'accepted', reason: /^server answered HTTP 503 Service Unavailable$/ },
  ] as const;
  for (const { status, body, outcome, reason, ...rest } of statuses) {
    const page = 'page' in rest ? ` with ${rest.page}` : '';
    it(`HTTP ${status}${page} is ${outcome} at http`, async () => {
      answer = { status, headers: { 'www-authenticate': 'Bearer', server: 'test' }, chunks: [body] };
      const observation = await probeTarget({
        url: `https://localhost:${server.port}/`,
        acceptableCaNames: 'skip',
      });
      expect(observation).to.include({ outcome, stage: 'http' });
      expect(observation.reason).to.match(reason);
      expect(observation.http?.status).to.equal(status);
      expect(observation.http?.headers).to.deep.include({ 'www-authenticate': 'Bearer', server: 'test' });
    });
  }

  describe('the server judged after the handshake, never aborting it', () => {
    it('trusted by ca1, with the chain the server sent', async () => {
      const observation = await probeTarget({
        url: `https://localhost:${server.port}/`,
        serverTrustPem: fixtures.certificatePem('ca1'),
      });
      expect(observation.tls).to.deep.include({ serverTrusted: true, hostnameMatches: true });
      expect(observation.tls?.serverChain[0]?.subject).to.equal('C=BR, O=Axway, CN=localhost');
      expect(observation.tls?.serverChain[0]?.fingerprintSha256).to.match(/^([0-9A-F]{2}:){31}[0-9A-F]{2}$/);
      expect(observation.tls?.clientCertificateRequested).to.equal(true);
      expect(observation.acceptableCaNames).to.deep.equal({
        obtained: true,
        names: ['C=BR, ST=São Paulo, L=São Paulo, O=Axway, CN=Axway Root CA'],
      });
    });

    // OpenSSL sends the chain it can build from the server's store (here ca1, which the server
    // trusts for clients) unless told not to: ca1 arrives in the chain, self-signed and not ca2.
    it('not trusted by ca2 (same DN, other key): the reason is recorded and the probe goes on', async () => {
      const observation = await probeTarget({
        url: `https://localhost:${server.port}/`,
        serverTrustPem: fixtures.certificatePem('ca2'),
      });
      expect(observation.outcome).to.equal('accepted');
      expect(observation.tls).to.deep.include({ serverTrusted: false, hostnameMatches: true });
      expect(observation.tls?.serverTrustError).to.equal('SELF_SIGNED_CERT_IN_CHAIN');
      expect(observation.tls?.serverChain.map((certificate) => certificate.fingerprintSha256)).to.deep.equal([
        summarizeCertificate(fixtures.certificatePem('server')).fingerprintSha256,
        summarizeCertificate(fixtures.certificatePem('ca1')).fingerprintSha256,
      ]);
    });

    it("a name the certificate does not carry: hostnameMatches false, with Node's reason", async () => {
      const observation = await probeTarget({
        url: `https://127.0.0.1:${server.port}/`,
        servername: 'api.example.com',
        serverTrustPem: fixtures.certificatePem('ca1'),
      });
      expect(seen[0]?.servername).to.equal('api.example.com');
      expect(observation.outcome).to.equal('accepted');
      expect(observation.tls).to.deep.include({ serverTrusted: true, hostnameMatches: false });
      expect(observation.tls?.hostnameError).to.equal(
        "Host: api.example.com. is not in the cert's altnames: DNS:localhost, IP Address:127.0.0.1",
      );
    });

    it('no declared trust: the chain is described, not judged', async () => {
      const observation = await probeTarget({ url: `https://localhost:${server.port}/` });
      expect(observation.tls).to.not.have.property('serverTrusted');
      expect(observation.tls?.serverChain).to.have.length.at.least(1);
    });
  });
});

describe('HttpResponseParser (pure)', () => {
  const parse = (chunks: string[], maxBodyBytes = 4096, end = false): HttpResponseParser => {
    const parser = new HttpResponseParser(maxBodyBytes);
    for (const chunk of chunks) parser.push(Buffer.from(chunk, 'latin1'));
    if (end) parser.end();
    return parser;
  };

  const cases = [
    {
      name: 'Content-Length',
      chunks: ['HTTP/1.1 200 OK\r\nContent-Length: 5\r\n\r\nhello'],
      body: 'hello',
      state: 'complete',
    },
    {
      name: 'chunked, split mid chunk-size and mid data, with an extension and trailers',
      chunks: [
        'HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n5;x=1\r\nhe',
        'llo\r\n',
        '6\r\n wor',
        'ld\r\n0\r\nX-T: 1\r\n\r\n',
      ],
      body: 'hello world',
      state: 'complete',
    },
    {
      name: 'to the end of the connection',
      chunks: ['HTTP/1.0 200 OK\r\n\r\nab', 'cd'],
      end: true,
      body: 'abcd',
      state: 'complete',
    },
    {
      name: 'interim 100 Continue skipped',
      chunks: ['HTTP/1.1 100 Continue\r\n\r\nHTTP/1.1 204 No Content\r\n\r\n'],
      body: '',
      state: 'complete',
    },
    {
      name: 'a body cut short by the end of the connection',
      chunks: ['HTTP/1.1 200 OK\r\nContent-Length: 10\r\n\r\nabc'],
      end: true,
      body: 'abc',
      state: 'body',
    },
    { name: 'not HTTP', chunks: ['SSH-2.0-OpenSSH\r\n'], body: '', state: 'invalid' },
    {
      name: 'a bad chunk size',
      chunks: ['HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n'],
      body: '',
      state: 'invalid',
    },
  ];
  for (const { name, chunks, end, body, state } of cases) {
    it(`${name}: ${state}`, () => {
      const parser = parse(chunks, 4096, end);
      expect(parser.state).to.equal(state);
      expect(parser.body.toString('latin1')).to.equal(body);
    });
  }

  it('stops at maxBodyBytes and marks the body truncated', () => {
    const parser = parse(['HTTP/1.1 200 OK\r\nContent-Length: 10\r\n\r\n0123456789'], 4);
    expect(parser).to.include({ state: 'complete', bodyTruncated: true });
    expect(parser.body.toString()).to.equal('0123');
  });

  it('joins repeated headers and lower-cases names', () => {
    const parser = parse([
      'HTTP/1.1 200 OK\r\nSet-Cookie: a=1\r\nset-cookie: b=2\r\nContent-Length: 0\r\n\r\n',
    ]);
    expect(parser.head?.headers).to.deep.equal({ 'set-cookie': 'a=1, b=2', 'content-length': '0' });
  });
});

describe('classifyHttpResponse rules', () => {
  it('each rule refuses its own example; the same text under 200 is accepted', () => {
    for (const rule of httpRefusalRules) {
      const verdict = classifyHttpResponse({
        status: rule.status,
        statusText: '',
        body: rule.bodyIncludes ?? '',
      });
      expect(verdict, rule.id).to.deep.equal({ outcome: 'rejected', stage: 'http', reason: rule.reason });
    }
    expect(
      classifyHttpResponse({ status: 200, statusText: 'OK', body: 'The SSL certificate error' }).outcome,
    ).to.equal('accepted');
  });
});
