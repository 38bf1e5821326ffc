import { expect } from 'chai';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { stringify } from 'yaml';
import { fullConfigExample, minimalConfigExample } from '../harness/config/config-examples.ts';
import type { HarnessConfig } from '../harness/config/config-types.ts';
import { loadConfig, parseConfig } from '../harness/config/load-config.ts';

// Issue 4's minimal form, as written there (a contract).
const minimalYaml = `fixtures: ./fixtures            # made by \`mtls-conformance fixtures\`; generated if missing
targets:
  - name: gateway
    url: https://127.0.0.1:8443/healthcheck
    trusts: [ca1]               # fixture CAs this endpoint is meant to accept
    serverCa: ca1               # fixture name or PEM path that must validate the server
`;

describe('loadConfig', () => {
  let folder: string;
  beforeEach(() => {
    folder = mkdtempSync(join(tmpdir(), 'mtlsc-load-'));
  });
  afterEach(() => rmSync(folder, { recursive: true, force: true }));

  it('loads the minimal form of issue 4 as written, with every default applied', async () => {
    const file = join(folder, 'mtls-conformance.yaml');
    writeFileSync(file, minimalYaml);
    const config = await loadConfig(file, {
      fixtureNames: ['ca1', 'ca2', 'intermediate-ca', 'rogue-ca'],
      env: {},
    });
    const { source, ...rest } = config;
    expect(source).to.include({ kind: 'file', file, baseDir: folder });
    expect(rest).to.deep.equal({
      fixtures: join(folder, 'fixtures'),
      reportDir: join(folder, 'reports'),
      concurrency: 8,
      timeouts: { connectMs: 5000, handshakeMs: 5000, responseMs: 10000 },
      targets: [
        {
          name: 'gateway',
          provider: 'url',
          url: 'https://127.0.0.1:8443/healthcheck',
          suite: 'server',
          trusts: ['ca1'],
          serverCa: { fixture: 'ca1' },
          rejectAt: 'any',
          tlsVersions: ['TLSv1.2', 'TLSv1.3'],
          scenarios: { skip: {}, expect: {} },
          index: 0,
        },
      ],
    } satisfies Omit<HarnessConfig, 'source'>);
  });

  it('loads the same config written as JSON', async () => {
    const file = join(folder, 'mtls-conformance.json');
    writeFileSync(file, JSON.stringify(minimalConfigExample, null, 2));
    const fromJson = await loadConfig(file, { env: {} });
    expect(fromJson.targets).to.deep.equal(
      parseConfig(minimalYaml, { file: 'x.yaml', baseDir: folder, env: {} }).targets,
    );
  });

  it('resolves relative paths against the config file folder, not the working directory', async () => {
    mkdirSync(join(folder, 'ci', 'certs'), { recursive: true });
    for (const name of ['partner.crt', 'partner.key', 'server-ca.pem'])
      writeFileSync(join(folder, 'ci', 'certs', name), 'x');
    const file = join(folder, 'ci', 'mtls.yaml');
    writeFileSync(
      file,
      stringify({
        fixtures: '../fixtures',
        reportDir: '/var/tmp/mtls-reports',
        targets: [
          {
            name: 'gateway',
            url: 'https://127.0.0.1:8443/',
            trusts: ['ca1'],
            serverCa: './certs/server-ca.pem',
            identity: { cert: 'certs/partner.crt', key: 'certs/partner.key' },
          },
        ],
      }),
    );
    const config = await loadConfig(file, { env: {} });
    expect(config.fixtures).to.equal(join(folder, 'fixtures'));
    expect(config.reportDir).to.equal('/var/tmp/mtls-reports');
    expect(config.targets[0]?.serverCa).to.deep.equal({ file: join(folder, 'ci', 'certs', 'server-ca.pem') });
    expect(config.targets[0]?.identity).to.deep.equal({
      kind: 'pem',
      certFile: join(folder, 'ci', 'certs', 'partner.crt'),
      keyFile: join(folder, 'ci', 'certs', 'partner.key'),
    });
  });

  it('loads the full example, one target per provider, when its files and variable exist', () => {
    for (const name of [
      'partner.crt',
      'partner.key',
      'partner-chain.pem',
      'partner.p12',
      'partner-server-ca.pem',
      'gateway.conf',
      'client.jks',
      'client-truststore.jks',
      'ticket.key',
    ]) {
      writeFileSync(join(folder, name), 'x');
    }
    // The targetsFiles lists: one endpoint each, named by host:port.
    for (const list of ['partners-ca1', 'partners-ca1-ca2', 'partners-java']) {
      writeFileSync(join(folder, `${list}.txt`), `https://${list}.example:8443/health\n`);
    }
    const config = parseConfig(stringify(fullConfigExample), {
      file: 'full.yaml',
      baseDir: folder,
      fixtureNames: ['ca1', 'ca2'],
      env: {
        FIXTURE_PASS: 'not printed',
        PARTNER_P12_PASS: 'not printed',
        TRUSTSTORE_PASS: 'not printed',
        CLIENT_JKS_PASS: 'not printed',
        CLIENT_KEY_PASS: 'not printed',
        WM_USER: 'not printed',
        WM_PASSWORD: 'not printed',
        API_TOKEN: 'not printed',
        WSO2_ADMIN_USER: 'not printed',
        WSO2_ADMIN_PASSWORD: 'not printed',
      },
    });
    expect(config.targets.map((target) => target.provider)).to.deep.equal([
      'url',
      'url',
      'mock',
      'nginx',
      'openssl',
      'apache',
      'haproxy',
      'java',
      'container',
      'container',
      'url', // oauth
      'mock', // client suite: the harness is the server
      'mock',
      'mock',
      'url', // webMethods auth modes
      'url', // a gateway of yours in front of your echo endpoint (backend)
      'nginx', // a generated gateway with an unsafe backend variant
      'mock',
      // targetsFiles, after the targets
      'url',
      'url',
      'url',
    ]);
    const container = config.targets.find((target) => target.name === 'my-gateway-image');
    expect(container?.provider === 'container' && container.container.files).to.deep.equal([
      { source: join(folder, 'gateway.conf'), target: '/etc/gateway/gateway.conf' },
    ]);
    expect(config.targets[1]?.identity).to.deep.equal({
      kind: 'pkcs12',
      p12File: join(folder, 'partner.p12'),
      passphraseEnv: 'PARTNER_P12_PASS',
    });
    expect(JSON.stringify(config)).not.to.include('not printed');
  });

  it('records the line of every field, for messages', () => {
    const config = parseConfig(minimalYaml, { file: 'x.yaml', baseDir: folder, env: {} });
    expect(config.source.kind === 'file' && Object.fromEntries(config.source.lines)).to.deep.include({
      'targets[0]': 3,
      'targets[0].trusts[0]': 5,
      'targets[0].serverCa': 6,
    });
  });

  const readFailures: Array<[string, (folder: string) => string, RegExp]> = [
    [
      'a missing file',
      (dir) => join(dir, 'nope.yaml'),
      /^Cannot load .*nope\.yaml\. No such file \(.*nope\.yaml\); mtls-conformance init writes a starter config\.$/,
    ],
    ['a folder', (dir) => dir, /^Cannot load .*\. .* is a folder; name the config file in it\.$/],
  ];
  for (const [title, path, message] of readFailures) {
    it(`refuses ${title} in one line`, async () => {
      const error = await loadConfig(path(folder)).then(
        () => undefined,
        (caught: unknown) => caught as Error,
      );
      expect(error?.name).to.equal('HarnessError');
      expect(error?.message).to.match(message);
    });
  }
});
