import { expect } from 'chai';
import { execFile } from 'node:child_process';
import { copyFile, mkdir, readFile, rm } from 'node:fs/promises';
import { createServer as createHttpsServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { createServer as createTlsServer, type TLSSocket } from 'node:tls';
import { fileURLToPath } from 'node:url';
import { HarnessError } from '../harness/common/harness-error.ts';
import { reproduceCommand, type ReproduceInput } from '../harness/report/reproduce-command.ts';
import { testFixtures } from './support/fixtures.ts';

describe('report: reproduceCommand', () => {
  const cases: { name: string; input: ReproduceInput; command: string }[] = [
    {
      name: 'curl with the client certificate, key and server CA',
      input: {
        url: 'https://127.0.0.1:8443/healthcheck',
        certFile: '/f/tpp1.crt',
        keyFile: '/f/tpp1.key',
        caFile: '/f/ca1.crt',
      },
      command:
        'curl -v --cacert /f/ca1.crt --cert /f/tpp1.crt --key /f/tpp1.key https://127.0.0.1:8443/healthcheck',
    },
    {
      name: 'curl pinned to TLS 1.3',
      input: {
        url: 'https://gw.example/',
        certFile: '/f/tpp1.crt',
        keyFile: '/f/tpp1.key',
        tlsVersion: '1.3',
      },
      command:
        'curl -v --insecure --cert /f/tpp1.crt --key /f/tpp1.key --tlsv1.3 --tls-max 1.3 https://gw.example/',
    },
    {
      name: 'curl pinned to TLS 1.0, at the OpenSSL security level that still offers it',
      input: { url: 'https://gw.example/', tlsVersion: '1.0' },
      command: 'curl -v --insecure --tlsv1.0 --tls-max 1.0 --ciphers DEFAULT:@SECLEVEL=0 https://gw.example/',
    },
    {
      name: 'curl with a separate chain file, joined to the leaf by process substitution',
      input: {
        url: 'https://gw.example/',
        certFile: '/f/leaf.crt',
        keyFile: '/f/leaf.key',
        chainFile: '/f/intermediates.pem',
      },
      command:
        'curl -v --insecure --cert <(cat /f/leaf.crt /f/intermediates.pem) --key /f/leaf.key https://gw.example/',
    },
    {
      name: "curl with a chain file that starts with the leaf (the fixtures' NAME.chain.pem): --cert takes it whole",
      input: {
        url: 'https://gw.example/',
        certFile: '/f/leaf.crt',
        keyFile: '/f/leaf.key',
        chainFile: '/f/leaf.chain.pem',
        chainFileStartsWithLeaf: true,
      },
      command: 'curl -v --insecure --cert /f/leaf.chain.pem --key /f/leaf.key https://gw.example/',
    },
    {
      name: 'curl with a PKCS#12 keystore: its passphrase is asked for, never written',
      input: { url: 'https://gw.example/', certFile: '/f/tpp1.p12', keyFile: '/f/tpp1.p12' },
      command: 'curl -v --insecure --cert-type P12 --cert /f/tpp1.p12 https://gw.example/',
    },
    {
      name: 'quoting of paths and URLs with shell characters',
      input: {
        url: 'https://gw.example/a?b=1&c=$HOME',
        certFile: "/tmp/it's a dir/tpp1.crt",
        keyFile: '/tmp/`x`.key',
      },
      command: `curl -v --insecure --cert '/tmp/it'\\''s a dir/tpp1.crt' --key '/tmp/\`x\`.key' 'https://gw.example/a?b=1&c=$HOME'`,
    },
    {
      name: 'openssl s_client for a tls:// target on an IP address (no SNI)',
      input: {
        url: 'tls://127.0.0.1:9443',
        certFile: '/f/leaf.crt',
        keyFile: '/f/leaf.key',
        chainFile: '/f/chain.pem',
        caFile: '/f/ca1.crt',
      },
      command:
        'openssl s_client -connect 127.0.0.1:9443 -cert /f/leaf.crt -key /f/leaf.key -cert_chain /f/chain.pem -CAfile /f/ca1.crt',
    },
    {
      name: 'openssl s_client for a tls:// target with a host name, TLS 1.1',
      input: { url: 'tls://gw.example:8443', tlsVersion: '1.1' },
      command:
        'openssl s_client -connect gw.example:8443 -servername gw.example -tls1_1 -cipher DEFAULT:@SECLEVEL=0',
    },
    {
      name: 'openssl s_client for the handshake of an https:// target (tlsOnly), default port',
      input: { url: 'https://localhost/health', tlsOnly: true, certFile: '/f/tpp1.p12', tlsVersion: '1.2' },
      command: 'openssl s_client -connect localhost:443 -servername localhost -cert /f/tpp1.p12 -tls1_2',
    },
    {
      name: 'openssl s_client on IPv6 (brackets quoted: a shell would glob them)',
      input: { url: 'tls://[::1]:8443' },
      command: "openssl s_client -connect '[::1]:8443'",
    },
  ];

  for (const { name, input, command } of cases) {
    it(name, () => {
      expect(reproduceCommand(input)).to.equal(command);
    });
  }

  for (const [url, message] of [
    [
      'ftp://gw.example/',
      'Cannot build a reproduce command for ftp://gw.example/. The scheme ftp: is not one of https:, http:, tls:.',
    ],
    [
      'tls://gw.example',
      'Cannot build a reproduce command for tls://gw.example. A tls:// URL needs a port, e.g. tls://gw.example:8443.',
    ],
    [
      'gw.example:8443',
      'Cannot build a reproduce command for gw.example:8443. The scheme gw.example: is not one of https:, http:, tls:.',
    ],
    [
      'not a url',
      'Cannot build a reproduce command for "not a url". It is not a URL; use https://host:port/path or tls://host:port.',
    ],
  ] as const) {
    it(`refuses ${url}, saying what to use`, () => {
      expect(() => reproduceCommand({ url })).to.throw(HarnessError, message);
    });
  }
});

describe('report: reproduceCommand run by a real shell, curl and openssl', function () {
  this.timeout(60_000);
  // Fixture files copied under a name a shell would split, expand or end a quote on.
  const root = fileURLToPath(new URL('../.tmp/report-reproduce/', import.meta.url));
  const dir = join(root, `it's a "dir" $HOME`);
  const file = (name: string): string => join(dir, name);
  const accepted: string[] = [];
  let httpsUrl = '';
  let tlsUrl = '';
  const servers: { close(): unknown }[] = [];

  before(async () => {
    const fixtures = await testFixtures();
    await rm(root, { recursive: true, force: true });
    await mkdir(dir, { recursive: true });
    for (const [name, kind] of [
      ['tpp1', 'crt'],
      ['tpp1', 'key'],
      ['intermediate-leaf', 'crt'],
      ['intermediate-leaf', 'key'],
      ['intermediate-leaf', 'chain'],
      ['ca1', 'crt'],
    ] as const) {
      const source = fixtures.path(name, kind);
      await copyFile(source, file(source.split('/').pop()!));
    }
    const tlsOptions = {
      key: await readFile(fixtures.path('server', 'key')),
      cert: await readFile(fixtures.path('server', 'crt')),
      ca: await readFile(fixtures.path('ca1', 'crt')),
      requestCert: true,
      rejectUnauthorized: true,
    };
    const commonName = (socket: TLSSocket): string => String(socket.getPeerCertificate().subject?.CN);
    const https = createHttpsServer(tlsOptions, (request, response) => {
      const name = commonName(request.socket as TLSSocket);
      accepted.push(name);
      response.end(`hello ${name}\n`);
    });
    const tls = createTlsServer(tlsOptions, (socket) => {
      accepted.push(commonName(socket));
      socket.end('hello\n');
    });
    for (const server of [https, tls]) {
      await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
      servers.push(server);
    }
    httpsUrl = `https://127.0.0.1:${(https.address() as AddressInfo).port}/healthcheck`;
    tlsUrl = `tls://127.0.0.1:${(tls.address() as AddressInfo).port}`;
  });

  after(async () => {
    for (const server of servers) server.close();
    await rm(root, { recursive: true, force: true });
  });

  beforeEach(() => {
    accepted.length = 0;
  });

  it('curl presents tpp1 and gets through', async () => {
    const run = await bash(
      reproduceCommand({
        url: httpsUrl,
        certFile: file('tpp1.crt'),
        keyFile: file('tpp1.key'),
        caFile: file('ca1.crt'),
      }),
    );
    expect(run.stdout, run.stderr).to.equal('hello tpp1.demo.axway.com\n');
  });

  it('curl sends the intermediate from the chain file; without it the server refuses', async () => {
    const leaf = {
      url: httpsUrl,
      certFile: file('intermediate-leaf.crt'),
      keyFile: file('intermediate-leaf.key'),
      caFile: file('ca1.crt'),
    };

    const chained = await bash(reproduceCommand({ ...leaf, chainFile: file('intermediate-leaf.chain.pem') }));
    const unchained = await bash(reproduceCommand(leaf));
    // The fixtures' chain file starts with the leaf: the command then needs no bash, plain sh runs it.
    const whole = await bash(
      reproduceCommand({
        ...leaf,
        chainFile: file('intermediate-leaf.chain.pem'),
        chainFileStartsWithLeaf: true,
      }),
      'sh',
    );

    expect(chained.stdout, chained.stderr).to.equal('hello intermediate-leaf.demo.axway.com\n');
    expect(whole.stdout, whole.stderr).to.equal('hello intermediate-leaf.demo.axway.com\n');
    expect(unchained.code, unchained.stderr).not.to.equal(0);
  });

  it('curl pins the TLS version', async () => {
    const run = await bash(
      reproduceCommand({
        url: httpsUrl,
        certFile: file('tpp1.crt'),
        keyFile: file('tpp1.key'),
        caFile: file('ca1.crt'),
        tlsVersion: '1.2',
      }),
    );
    expect(run.stderr).to.match(/SSL connection using TLSv1\.2/);
    expect(run.stdout).to.equal('hello tpp1.demo.axway.com\n');
  });

  it('openssl s_client presents the leaf and its chain to a tls:// target', async () => {
    const run = await bash(
      reproduceCommand({
        url: tlsUrl,
        certFile: file('intermediate-leaf.crt'),
        keyFile: file('intermediate-leaf.key'),
        chainFile: file('intermediate-leaf.chain.pem'),
        caFile: file('ca1.crt'),
      }),
    );
    expect(run.stdout, run.stderr).to.include('Verify return code: 0 (ok)');
    await until(() => accepted.length > 0);
    expect(accepted).to.deep.equal(['intermediate-leaf.demo.axway.com']);
  });
});

/** Runs `command` with bash (or `shell`), stdin closed (s_client then ends after the handshake). */
function bash(command: string, shell = 'bash'): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = execFile(
      shell,
      ['-c', command],
      { timeout: 15_000, encoding: 'utf8' },
      (error, stdout, stderr) => {
        resolve({ code: error ? ((error as { code?: number }).code ?? 1) : 0, stdout, stderr });
      },
    );
    child.stdin?.end();
  });
}

async function until(condition: () => boolean, timeoutMs = 3000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition() && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 20));
}
