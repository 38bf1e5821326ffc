import { expect } from 'chai';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCli } from '../harness/cli/run-cli.ts';
import type { FixtureSet } from '../harness/pki/fixture-set.ts';
import { MockMtlsServer } from '../harness/servers/mock-mtls-server.ts';
import type { StartedMockMtlsServer } from '../harness/servers/started-mock-mtls-server.ts';
import { captureProcessOutput } from './support/capture-process-output.ts';
import { collectStream } from './support/collect-stream.ts';
import { testFixtures, testFixturesDir } from './support/fixtures.ts';
import { runCliProcess } from './support/run-cli-process.ts';

// The CLI details a new user tripped over (issue 24): fixture names where files were expected, a
// flag reported twice, a typo with no suggestion, a port-in-use message that named a builder method.

async function cli(argv: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  const stderr = collectStream();
  const run = await captureProcessOutput(() => runCli(argv, stderr));
  return { code: run.result, stdout: run.stdout, stderr: `${run.stderr}${stderr.text()}` };
}

describe('CLI: an unknown flag is reported once, with the option it most likely meant', () => {
  const cases: Array<[string[], string]> = [
    [['run', '--server-CA', 'ca1'], 'Unknown argument: server-CA (did you mean --server-ca?).'],
    [['run', '--serverCA', 'ca1'], 'Unknown argument: serverCA (did you mean --server-ca?).'],
    [
      ['run', '--report-directory', 'out'],
      'Unknown argument: report-directory (did you mean --report-dir?).',
    ],
    [['run', '--fixture', 'fx'], 'Unknown argument: fixture (did you mean --fixtures?).'],
    [['probe', 'https://127.0.0.1:1/', '--foo-bar', '1'], 'Unknown argument: foo-bar.'],
    [
      ['run', '--trust', 'ca1', '--Config', 'x.yaml'],
      'Unknown arguments: trust (did you mean --trusts?), Config (did you mean --config?).',
    ],
  ];
  for (const [argv, message] of cases) {
    it(`${argv.join(' ')}`, async () => {
      const { code, stderr } = await cli(argv);
      expect(code).to.equal(2);
      expect(stderr).to.equal(`mtls-conformance: ${message} See 'mtls-conformance <command> --help'.\n`);
    });
  }
});

describe('CLI: did-you-mean for a config key in the wrong case', () => {
  it('serverCA: names serverCa', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'cli-polish-'));
    try {
      const config = join(dir, 'gateway.yaml');
      await writeFile(
        config,
        'targets:\n  - name: gw\n    url: https://127.0.0.1:8443/healthcheck\n    trusts: [ca1]\n    serverCA: ca1\n',
      );
      const { code, stderr } = await cli(['run', '--config', config]);
      expect(code).to.equal(2);
      expect(stderr).to.include(
        'targets[0].serverCA (line 5): unknown key (did you mean serverCa?); allowed: ',
      );
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});

describe('probe: fixtures by name, as run takes them', () => {
  let fixtures: FixtureSet;
  let server: StartedMockMtlsServer;

  before(async () => {
    fixtures = await testFixtures();
    // Trusts only ca2: tpp2 gets in, tpp1 (ca1, the same CA name) does not.
    server = await new MockMtlsServer(fixtures.identity('server'))
      .withTrust(fixtures.trustBundlePem(['ca2']))
      .start();
  });
  after(() => server.stop());

  it('--identity tpp2 --server-ca ca1 --fixtures DIR: presents tpp2, judges the server against ca1', async () => {
    const url = `https://localhost:${server.port}/healthcheck`;
    const { code, stdout, stderr } = await cli([
      ...['probe', url, '--identity', 'tpp2', '--server-ca', 'ca1', '--fixtures', testFixturesDir, '--json'],
    ]);
    expect(code, stderr).to.equal(0);
    const observation = JSON.parse(stdout) as {
      outcome: string;
      clientCertificate: { subject: string };
      tls: { serverTrusted: boolean };
    };
    expect(observation.outcome).to.equal('accepted');
    expect(observation.clientCertificate.subject).to.include('CN=tpp2.demo.axway.com');
    expect(observation.tls.serverTrusted).to.equal(true);
    const refused = await cli(['probe', url, '--identity', 'tpp1', '--fixtures', testFixturesDir]);
    expect(refused.code).to.equal(1);
  });

  it('refuses an unknown fixture, a missing set and --identity with --cert, each in one line', async () => {
    const url = `https://localhost:${server.port}/healthcheck`;
    const unknownCa = await cli(['probe', url, '--server-ca', 'ca9', '--fixtures', testFixturesDir]);
    expect(unknownCa.code).to.equal(2);
    expect(unknownCa.stderr).to.equal(
      `mtls-conformance: --server-ca ca9: not a CA of the fixture set in ${testFixturesDir}. Its CAs: ca1, ca2, rogue-ca, intermediate-ca, revoked-intermediate-ca, constrained-ca; or give a PEM file.\n`,
    );
    const noSet = await cli([
      'probe',
      url,
      '--identity',
      'tpp2',
      '--fixtures',
      join(tmpdir(), 'no-such-set'),
    ]);
    expect(noSet.code).to.equal(2);
    expect(noSet.stderr).to.equal(
      `mtls-conformance: --identity tpp2 names a fixture, but there is no fixture set in ${join(tmpdir(), 'no-such-set')} (no manifest.json). Give --fixtures DIR (the set's folder), or a file path instead.\n`,
    );
    const both = await cli(['probe', url, '--identity', 'tpp2', '--cert', 'x.crt', '--key', 'x.key']);
    expect(both.code).to.equal(2);
    expect(both.stderr).to.match(/^mtls-conformance: Arguments identity and cert are mutually exclusive\./);
  });
});

describe('serve: a port in use names the flag that chooses another', function () {
  this.timeout(60_000);
  let busy: Server;
  let port: number;

  before(async () => {
    busy = createServer();
    await new Promise<void>((resolve) => busy.listen(0, '127.0.0.1', resolve));
    port = (busy.address() as { port: number }).port;
  });
  after(() => new Promise((resolve) => busy.close(resolve)));

  it('says --port, not the library builder', async () => {
    const result = await runCliProcess(['serve', '--fixtures', testFixturesDir, '--port', String(port)]);
    expect(result.code).to.equal(2);
    expect(result.stderr.trim()).to.equal(
      `mtls-conformance: Cannot serve on 127.0.0.1:${port}: the port is in use (EADDRINUSE). Choose another with --port N, or --port 0 for any free port.`,
    );
  });
});
