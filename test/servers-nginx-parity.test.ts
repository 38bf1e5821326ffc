import { expect } from 'chai';
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { request } from 'node:https';
import { connect, createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FixtureSet } from '../harness/pki/open-fixture-set.ts';
import { MockMtlsServer } from '../harness/servers/mock-mtls-server.ts';
import { testFixtures } from './support/fixtures.ts';
import { requireTool } from './support/require-tool.ts';

const nginxBinary = ['/usr/sbin/nginx', '/usr/bin/nginx', '/usr/local/sbin/nginx'].find((path) =>
  existsSync(path),
);

interface Answer {
  status: number | undefined;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

function get(url: string, fixtures: FixtureSet, name?: string): Promise<Answer> {
  const identity = name === undefined ? undefined : fixtures.identity(name);
  return new Promise((resolve, reject) => {
    request(
      url,
      {
        ca: fixtures.certificatePem('ca1'),
        servername: 'localhost',
        ...(identity === undefined ? {} : { key: identity.privateKeyPem, cert: identity.certificatePem }),
      },
      (response) => {
        let body = '';
        response.on('data', (chunk: Buffer) => (body += chunk.toString('utf8')));
        response.on('end', () => resolve({ status: response.statusCode, headers: response.headers, body }));
      },
    )
      .on('error', reject)
      .end();
  });
}

async function freePort(): Promise<number> {
  const probe = createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const port = (probe.address() as { port: number }).port;
  await new Promise((resolve) => probe.close(resolve));
  return port;
}

async function waitForPort(port: number, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const open = await new Promise<boolean>((resolve) => {
      const socket = connect(port, '127.0.0.1');
      socket.once('connect', () => {
        socket.destroy();
        resolve(true);
      });
      socket.once('error', () => resolve(false));
    });
    if (open) return;
    if (Date.now() > deadline)
      throw new Error(`nginx did not listen on 127.0.0.1:${port} within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

describe("MockMtlsServer's HTTP refusals are nginx's, byte for byte", function () {
  this.timeout(30_000);
  let fixtures: FixtureSet;
  let nginx: ChildProcess | undefined;
  let dir: string;
  let nginxUrl: string;

  before(async function () {
    // Without nginx there is nothing to compare with.
    requireTool(this, nginxBinary !== undefined, 'nginx', 'apt-get install nginx-light');
    if (nginxBinary === undefined) return;
    fixtures = await testFixtures();
    dir = await mkdtemp(join(tmpdir(), 'servers-nginx-'));
    const port = await freePort();
    // ssl_verify_client on, as the Open Banking seed's ingress; /pinned refuses all but tpp2 with 403.
    await writeFile(
      join(dir, 'nginx.conf'),
      `daemon off; master_process off; pid ${dir}/nginx.pid; error_log ${dir}/error.log;
events {}
http {
  access_log off;
  client_body_temp_path ${dir}; proxy_temp_path ${dir}; fastcgi_temp_path ${dir}; uwsgi_temp_path ${dir}; scgi_temp_path ${dir};
  server {
    listen 127.0.0.1:${port} ssl;
    server_tokens off;
    ssl_certificate ${fixtures.path('server', 'crt')};
    ssl_certificate_key ${fixtures.path('server', 'key')};
    ssl_client_certificate ${fixtures.path('ca1', 'crt')};
    ssl_verify_client on;
    location /pinned { if ($ssl_client_s_dn !~ "CN=tpp2") { return 403; } return 200; }
    location / { return 200; }
  }
}
`,
    );
    nginx = spawn(nginxBinary, ['-p', dir, '-c', join(dir, 'nginx.conf'), '-e', join(dir, 'error.log')], {
      stdio: 'ignore',
    });
    await waitForPort(port, 5000);
    nginxUrl = `https://127.0.0.1:${port}`;
  });

  after(async () => {
    nginx?.kill();
    if (dir !== undefined) await rm(dir, { recursive: true, force: true });
  });

  const cases = [
    { what: 'no certificate', name: undefined, path: '/healthcheck', status: 400 },
    {
      what: 'a certificate that fails verification (rogue)',
      name: 'rogue',
      path: '/healthcheck',
      status: 400,
    },
    {
      what: 'a verified certificate that is not allowed (tpp1 where only tpp2 is)',
      name: 'tpp1',
      path: '/pinned',
      status: 403,
    },
  ];

  for (const { what, name, path, status } of cases) {
    it(`${what}: ${status}, same body, content type, server and connection headers`, async () => {
      await using mock = await new MockMtlsServer(fixtures.identity('server'))
        .withTrust(fixtures.certificatePem('ca1'))
        .withRefusal('http')
        .withAllowedSubjects([fixtures.identity('tpp2').certificate.subject])
        .start();
      const fromNginx = await get(`${nginxUrl}${path}`, fixtures, name);
      const fromMock = await get(`${mock.url}${path}`, fixtures, name);

      expect(fromNginx.status).to.equal(status);
      expect(fromMock.status).to.equal(status);
      expect(fromMock.body).to.equal(fromNginx.body);
      for (const header of ['content-type', 'server', 'content-length']) {
        expect(fromMock.headers[header], header).to.equal(fromNginx.headers[header]);
      }
      if (status === 400) expect(fromMock.headers.connection).to.equal(fromNginx.headers.connection);
    });
  }
});
