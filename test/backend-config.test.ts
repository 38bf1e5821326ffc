import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect } from 'chai';
import { HarnessError } from '../harness/common/harness-error.ts';
import { parseConfig } from '../harness/config/load-config.ts';
import type { RunResults } from '../harness/report/run-results.ts';
import { testFixtures, testFixturesDir, testPassphrase } from './support/fixtures.ts';
import { backendScenarioIds } from './support/backend-verdict-matrix.ts';
import { runCliProcess } from './support/run-cli-process.ts';

const dir = fileURLToPath(new URL('../.tmp/backend-config-test', import.meta.url));

/** The message loading this one target gives, or its backend block once loaded. */
function load(target: string): string {
  try {
    const config = parseConfig(`targets:\n${target}`, { file: 'gateway.yaml', baseDir: dir, env: {} });
    return JSON.stringify(config.targets[0]?.backend);
  } catch (error) {
    if (!(error instanceof HarnessError)) throw error;
    return error.message;
  }
}

/**
 * The `backend:` block as a user writes it: defaults by format, and every mistake the schema cannot
 * catch reported as one line naming the field, before any network I/O.
 */
describe('backend: in the config', () => {
  it('defaults the header names by format, and SUCCESS as the verified value', () => {
    expect(
      JSON.parse(
        load('  - { name: a, url: https://gw.example/echo, trusts: [ca1], backend: { format: rfc9440 } }'),
      ),
    ).to.deep.equal({
      format: 'rfc9440',
      headers: { cert: 'Client-Cert', chain: 'Client-Cert-Chain' },
      verifiedValue: 'SUCCESS',
    });
    // Names given replace the defaults as a set: a header left out is not checked.
    const given = JSON.parse(
      load(
        '  - { name: a, url: https://gw.example/echo, trusts: [ca1], backend: { format: pem-urlencoded, headers: { cert: ssl-client-cert } } }',
      ),
    ) as { headers: unknown };
    expect(given.headers).to.deep.equal({
      cert: 'ssl-client-cert',
    });
  });

  const mistakes: { title: string; target: string; message: string }[] = [
    {
      title: 'an unknown format, with the allowed ones',
      target: '  - { name: a, url: https://gw.example/, trusts: [ca1], backend: { format: pem2 } }',
      message:
        'Cannot load gateway.yaml. targets[0].backend.format (line 2): "pem2" is not allowed; allowed: pem-urlencoded, pem, der-base64, xfcc, rfc9440.',
    },
    {
      title: 'a header name that is not a token',
      target:
        '  - { name: a, url: https://gw.example/, trusts: [ca1], backend: { format: pem, headers: { cert: "X SSL:Cert" } } }',
      message: `Cannot load gateway.yaml. targets[0].backend.headers.cert (line 2): "X SSL:Cert" is not a header name; a header name is a token (RFC 9110 §5.6.2): letters, digits and !#$%&'*+-.^_\`|~, no spaces or colons.`,
    },
    {
      title: 'backend on a client-suite target',
      target:
        '  - { name: a, suite: client, trusts: [ca1], client: { wait: { timeoutMs: 1000 } }, backend: { format: pem } }',
      message:
        'Cannot load gateway.yaml. targets[0].backend (line 2): only used with suite server, but suite is client; remove backend or set suite: server.',
    },
    {
      title: 'backend on an oauth target',
      target: '  - { name: a, suite: oauth, provider: mock, trusts: [ca1], backend: { format: pem } }',
      message:
        'Cannot load gateway.yaml. targets[0].backend (line 2): only used with suite server, but suite is oauth; remove backend or set suite: server.',
    },
    {
      title: 'a format the generated nginx.conf cannot write',
      target: '  - { name: a, provider: nginx, trusts: [ca1], backend: { format: der-base64 } }',
      message:
        'Cannot load gateway.yaml. targets[0].backend.format (line 2): der-base64 cannot be written by the generated nginx.conf (stock nginx has no variable for it); with provider nginx use format pem-urlencoded or xfcc, or provider mock, which writes all five.',
    },
    {
      title: 'provider openssl, which cannot proxy',
      target: '  - { name: a, provider: openssl, trusts: [ca1], backend: { format: pem } }',
      message:
        'Cannot load gateway.yaml. targets[0].backend (line 2): not used with provider openssl: openssl s_server cannot proxy to a backend; use provider nginx, container or mock, or url for a gateway of yours.',
    },
    {
      title: 'the self-test knob on a gateway of yours',
      target:
        '  - { name: a, url: https://gw.example/, trusts: [ca1], backend: { format: pem, misconfiguration: pass-client-headers } }',
      message:
        'Cannot load gateway.yaml. targets[0].backend.misconfiguration (line 2): only used with a gateway the harness generates (providers nginx, container without command, mock), but provider is url; remove it.',
    },
    {
      title: 'a tls:// URL',
      target: '  - { name: a, url: "tls://gw.example:443", trusts: [ca1], backend: { format: pem } }',
      message:
        'Cannot load gateway.yaml. targets[0].url (line 2): is a tls:// URL (handshake only), but backend sends HTTP requests through the gateway; give the https:// URL of your echo endpoint.',
    },
    {
      title: 'one header for two roles',
      target:
        '  - { name: a, url: https://gw.example/, trusts: [ca1], backend: { format: pem, headers: { cert: X-Client, verify: x-client } } }',
      message:
        'Cannot load gateway.yaml. targets[0].backend.headers.verify (line 2): "x-client" is also headers.cert; each role needs its own header.',
    },
    {
      title: 'the request id header as a declared one',
      target:
        '  - { name: a, url: https://gw.example/, trusts: [ca1], backend: { format: pem, headers: { cert: X-Mtlsc-Request-Id } } }',
      message:
        'Cannot load gateway.yaml. targets[0].backend.headers.cert (line 2): "X-Mtlsc-Request-Id" is the request id header the backend probes send; name the header your gateway sets.',
    },
    {
      title: 'a verified value the generated gateway never writes',
      target: '  - { name: a, provider: mock, trusts: [ca1], backend: { format: pem, verifiedValue: "0" } }',
      message: `Cannot load gateway.yaml. targets[0].backend.verifiedValue (line 2): "0" is not what the gateway the harness generates writes (nginx's SUCCESS); remove it.`,
    },
    {
      title: 'a header name nginx would read as a variable',
      target:
        '  - { name: a, provider: nginx, trusts: [ca1], backend: { format: xfcc, headers: { cert: "X-$cert" } } }',
      message:
        'Cannot load gateway.yaml. targets[0].backend.headers.cert (line 2): "X-$cert" cannot be written into the generated nginx.conf; use letters, digits and -.',
    },
  ];
  for (const { title, target, message } of mistakes) {
    it(`refuses ${title}, in one line`, () => {
      expect(load(target)).to.equal(message);
    });
  }

  it('refuses backend with auth: the backend probes send no credentials', () => {
    expect(
      load(
        '  - { name: a, url: https://gw.example/, trusts: [ca1], auth: { mode: force, bearer: { tokenEnv: T } }, backend: { format: pem } }',
      ),
    ).to.include('targets[0].backend (line 2): not used together with auth');
  });
});

describe('backend: from the command line', function () {
  this.timeout(120_000);

  before(async () => {
    await testFixtures();
    await rm(dir, { recursive: true, force: true });
    await mkdir(dir, { recursive: true });
  });
  after(() => rm(dir, { recursive: true, force: true }));

  const run = (config: string) =>
    runCliProcess(['run', '--config', config, '--fixtures-passphrase-env', 'FIXTURE_PASS'], {
      env: { FIXTURE_PASS: testPassphrase },
      timeoutMs: 100_000,
    });

  it('a bad backend block: one line on stderr, exit 2, nothing started', async () => {
    const config = join(dir, 'bad.yaml');
    await writeFile(
      config,
      `fixtures: ${testFixturesDir}\ntargets:\n  - { name: a, provider: mock, trusts: [ca1], backend: { format: pem, headers: { cert: "X SSL" } } }\n`,
    );
    const { code, stderr, stdout } = await run(config);
    expect(code).to.equal(2);
    expect(stderr.trim().split('\n')).to.have.length(1);
    expect(stderr).to.match(/targets\[0\]\.backend\.headers\.cert \(line 3\): "X SSL" is not a header name/);
    expect(stderr).not.to.match(/\n\s+at /);
    expect(stdout).to.equal('');
  });

  it('runs the backend set against an unsafe mock gateway: exit 1, the evidence in every report', async () => {
    const config = join(dir, 'unsafe.yaml');
    await writeFile(
      config,
      [
        `fixtures: ${testFixturesDir}`,
        `reportDir: ${join(dir, 'reports')}`,
        'targets:',
        '  - name: mock-gateway',
        '    provider: mock',
        '    trusts: [ca1]',
        '    mock: { clientAuth: optional, refusal: http }',
        '    backend: { format: rfc9440, misconfiguration: pass-client-headers }',
        `    scenarios: { only: [${backendScenarioIds.join(', ')}] }`,
        '',
      ].join('\n'),
    );
    const { code, stderr } = await run(config);
    expect(code, stderr).to.equal(1);
    const results = JSON.parse(await readFile(join(dir, 'reports', 'results.json'), 'utf8')) as RunResults;
    const spoofed = results.targets[0]?.scenarios.find(
      (scenario) => scenario.id === 'spoofed-header-without-cert',
    );
    expect(spoofed?.verdict).to.equal('fail');
    expect(spoofed?.backend?.received.map((header) => header.name)).to.deep.equal([
      'Client-Cert',
      'Client-Cert-Chain',
    ]);
    const junit = await readFile(join(dir, 'reports', 'junit.xml'), 'utf8');
    expect(junit).to.include('Backend: what the client sent, what the backend received');
    expect(junit).to.match(/backend received \(per the recording backend\):/);
    const html = await readFile(join(dir, 'reports', 'report.html'), 'utf8');
    expect(html).to.include('Backend: what the client sent, what the backend received');
  });

  it('lists the backend set apart in `scenarios`', async () => {
    const { code, stdout } = await runCliProcess(['scenarios', '--suite', 'server']);
    expect(code).to.equal(0);
    expect(stdout).to.include('Suite server, added for targets that declare backend: 5 scenarios');
    for (const id of backendScenarioIds) expect(stdout).to.include(id);
  });
});
