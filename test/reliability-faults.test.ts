import { expect } from 'chai';
import { mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FixtureSet } from '../harness/pki/fixture-set.ts';
import { forgetAcceptableCaNames } from '../harness/probe/acceptable-ca-names.ts';
import type { Observation, Outcome, Stage } from '../harness/probe/observation.ts';
import { probeTarget } from '../harness/probe/probe-target.ts';
import type { RunResults } from '../harness/report/run-results.ts';
import { closedPort, faultModes, startFaultServer, type StartedFaultServer } from './support/fault-server.ts';
import { testFixtures, testFixturesDir, testPassphrase } from './support/fixtures.ts';
import { okHandler, startHttpsServer } from './support/probe-test-servers.ts';
import { runCliProcess } from './support/run-cli-process.ts';

// Short enough that the suite runs in seconds; the assertion is only "within the timeout plus a margin".
const timeoutMs = 400;
const marginMs = 2000;
const timeouts = { connectMs: timeoutMs, handshakeMs: timeoutMs, responseMs: timeoutMs };
const tlsFaults: readonly string[] = ['tls-then-silence', 'endless-body', 'endless-chunk-size'];
const trueOfTlsServers: readonly string[] = ['tls-legacy-versions', 'server-identity'];

/** A name RFC 6761 §6.4 reserves: it never resolves, and the probe does not ask a DNS server. */
const unresolvableUrl = 'https://no-such-host.invalid/healthcheck';

interface Expected {
  outcome: Outcome;
  stage: Stage;
  reason: RegExp;
}

/** What each fault must produce. No fault may come out `rejected`: that would pass a refusal scenario. */
const expectations: Record<(typeof faultModes)[number] | 'nothing-listening' | 'unresolvable', Expected> = {
  'black-hole': {
    outcome: 'error',
    stage: 'tls-handshake',
    reason: /^no TLS handshake within 400 ms \(the server sent nothing\)$/,
  },
  'slow-drip': {
    outcome: 'error',
    stage: 'tls-handshake',
    reason: /^no TLS handshake within 400 ms \(the server sent 1 byte\)$/,
  },
  'close-mid-handshake': {
    outcome: 'error',
    stage: 'tls-handshake',
    reason:
      /^server hung up mid-handshake after 11 bytes, before sending its certificate, so before the client could present one; is it a TLS server\?$/,
  },
  'reset-mid-handshake': {
    outcome: 'error',
    stage: 'tls-handshake',
    reason: /^server hung up mid-handshake( \(ECONNRESET\))? after 11 bytes, before sending its certificate/,
  },
  'plain-http': {
    outcome: 'error',
    stage: 'tls-handshake',
    reason:
      /^server did not answer in TLS \(OpenSSL: wrong version number\); is it plain HTTP or another protocol\?$/,
  },
  'random-bytes': {
    outcome: 'error',
    stage: 'tls-handshake',
    reason: /^server did not answer in TLS \(OpenSSL: [a-z ]+\); is it plain HTTP or another protocol\?$/,
  },
  'tls-then-silence': {
    outcome: 'error',
    stage: 'http',
    reason: /^no HTTP response within 400 ms of sending the request$/,
  },
  // The server did answer 200: accepted is the truth; what matters is that the read is bounded.
  'endless-body': { outcome: 'accepted', stage: 'http', reason: /^server answered HTTP 200 OK$/ },
  'endless-chunk-size': {
    outcome: 'error',
    stage: 'http',
    reason: /^a line of the chunked body exceeds 65536 bytes$/,
  },
  'nothing-listening': {
    outcome: 'error',
    stage: 'tcp',
    reason: /^cannot connect to 127\.0\.0\.1:\d+: nothing accepts connections there \(ECONNREFUSED\)$/,
  },
  unresolvable: {
    outcome: 'error',
    stage: 'tcp',
    reason: /^cannot connect to no-such-host\.invalid:443: the host name does not resolve \(ENOTFOUND\)$/,
  },
};

describe('reliability: faults yield a readable error at the right stage within the timeout', function () {
  this.timeout(20_000);
  let fixtures: FixtureSet;
  let tls: { key: string; cert: string };
  const servers: StartedFaultServer[] = [];

  before(async () => {
    fixtures = await testFixtures();
    tls = { key: fixtures.identity('server').privateKeyPem, cert: fixtures.certificatePem('server') };
  });
  beforeEach(() => forgetAcceptableCaNames());
  afterEach(async () => {
    await Promise.all(servers.splice(0).map((server) => server.close()));
  });

  async function urlOf(fault: keyof typeof expectations): Promise<string> {
    if (fault === 'nothing-listening') return `https://127.0.0.1:${await closedPort()}/healthcheck`;
    if (fault === 'unresolvable') return unresolvableUrl;
    const server = await startFaultServer(fault, tls);
    servers.push(server);
    return server.url;
  }

  async function timedProbe(url: string, presenting: 'nothing' | 'tpp1') {
    const started = performance.now();
    const observation = await probeTarget({
      url,
      timeouts,
      ...(presenting === 'tpp1' && { identity: fixtures.identity('tpp1') }),
    });
    return { observation, elapsedMs: performance.now() - started };
  }

  for (const presenting of ['nothing', 'tpp1'] as const) {
    for (const [fault, want] of Object.entries(expectations) as [keyof typeof expectations, Expected][]) {
      it(`${fault}, presenting ${presenting}: ${want.outcome} at ${want.stage}`, async () => {
        const { observation, elapsedMs } = await timedProbe(await urlOf(fault), presenting);
        expect(observation.outcome, observation.reason).to.equal(want.outcome);
        expect(observation.stage, observation.reason).to.equal(want.stage);
        expect(observation.reason).to.match(want.reason);
        expect(observation.reason).not.to.match(/\n/);
        // Every stage is bounded by its own timeout; the CA-name read adds at most its own.
        expect(elapsedMs).to.be.below(timeoutMs + marginMs);
      });
    }
  }

  it('endless body: the probe keeps a bounded excerpt and says it was cut', async () => {
    const { observation } = await timedProbe(await urlOf('endless-body'), 'tpp1');
    expect(observation.http?.status).to.equal(200);
    expect(observation.http?.bodyTruncated).to.equal(true);
    expect(observation.http?.body?.length).to.equal(4096);
    expect(observation.http?.bodyExcerpt.length).to.be.at.most(300);
  });

  it('a name under .invalid fails at once, without asking a DNS server', async () => {
    const { observation, elapsedMs } = await timedProbe(unresolvableUrl, 'nothing');
    expect(observation.errorCode).to.equal('ENOTFOUND');
    // glibc would send the query to the configured resolver; the probe answers it itself.
    expect(elapsedMs).to.be.below(timeoutMs);
  });

  // Node's X.509 parser accepts such a certificate and reports "Bad time value"; turning that into an
  // ISO date threw a RangeError inside a socket event handler, which ended the whole process.
  it('a server certificate whose dates do not parse: the probe returns and shows them as Node reads them', async () => {
    const server = await startHttpsServer(
      { key: tls.key, cert: withUnparseableNotBefore(tls.cert) },
      okHandler,
    );
    try {
      const { observation } = await timedProbe(`https://127.0.0.1:${server.port}/`, 'nothing');
      expect(observation).to.include({ outcome: 'accepted', stage: 'http' });
      expect(observation.tls?.serverChain[0]?.notBefore).to.equal('Bad time value');
      expect(observation.tls?.serverChain[0]?.notAfter).to.match(/^\d{4}-\d\d-\d\dT/);
    } finally {
      await server.close();
    }
  });
});

/** The PEM certificate with the digits of its notBefore (the first UTCTime in the DER) replaced by letters. */
function withUnparseableNotBefore(pem: string): string {
  const der = Buffer.from(pem.replace(/-----[^-]+-----/g, '').replace(/\s+/g, ''), 'base64');
  const utcTime = der.indexOf(Buffer.from([0x17, 0x0d]));
  der.write('ab', utcTime + 2, 'latin1');
  const body = der.toString('base64').replace(/.{1,64}/g, '$&\n');
  return `-----BEGIN CERTIFICATE-----\n${body}-----END CERTIFICATE-----\n`;
}

describe('reliability: a run against fault targets still writes every report and exits 1', function () {
  this.timeout(120_000);
  let work: string;
  const servers: StartedFaultServer[] = [];

  before(async () => {
    const fixtures = await testFixtures();
    const tls = { key: fixtures.identity('server').privateKeyPem, cert: fixtures.certificatePem('server') };
    for (const mode of faultModes) servers.push(await startFaultServer(mode, tls));
    work = await mkdtemp(join(tmpdir(), 'mtlsc-faults-'));
  });
  after(async () => {
    await Promise.all(servers.map((server) => server.close()));
    await rm(work, { recursive: true, force: true });
  });

  it('every fault target: error (or the 200 an endless body began with), never a passed refusal', async () => {
    const targets = [
      ...servers.map((server) => ({ name: server.mode, url: server.url })),
      { name: 'nothing-listening', url: `https://127.0.0.1:${await closedPort()}/healthcheck` },
      { name: 'unresolvable', url: unresolvableUrl },
    ];
    const config = join(work, 'faults.yaml');
    await writeFile(
      config,
      [
        `fixtures: ${JSON.stringify(testFixturesDir)}`,
        'concurrency: 16',
        `timeouts: { connectMs: ${timeoutMs}, handshakeMs: ${timeoutMs}, responseMs: ${timeoutMs} }`,
        'targets:',
        ...targets.flatMap((target) => [
          `  - name: ${target.name}`,
          `    url: ${target.url}`,
          '    trusts: [ca1]',
          '    serverCa: ca1',
        ]),
      ].join('\n'),
    );
    const reportDir = join(work, 'reports');
    const started = performance.now();
    const result = await runCliProcess(
      ['run', '--config', config, '--fixtures-passphrase-env', 'FIXTURE_PASS', '--report-dir', reportDir],
      { cwd: work, env: { FIXTURE_PASS: testPassphrase } },
    );
    const elapsedMs = performance.now() - started;
    expect(result.code, result.stderr).to.equal(1);
    expect((await readdir(reportDir)).sort()).to.deep.equal(['junit.xml', 'report.html', 'results.json']);
    const results = JSON.parse(await readFile(join(reportDir, 'results.json'), 'utf8')) as RunResults;
    expect(results.interrupted).to.equal(false);
    expect(results.targets.map((target) => target.name)).to.deep.equal(targets.map((target) => target.name));
    const junit = await readFile(join(reportDir, 'junit.xml'), 'utf8');
    const html = await readFile(join(reportDir, 'report.html'), 'utf8');
    for (const target of results.targets) {
      expect(junit, target.name).to.include(target.name);
      expect(html, target.name).to.include(target.name);
      // The TLS modes are real Node TLS servers: they do refuse TLS 1.0/1.1 (protocol_version alert)
      // and do present a chain that validates; those two verdicts are true of them.
      if (target.name === 'nothing-listening' || target.name === 'unresolvable') {
        // Checked once before its scenarios (one TCP connection): one error for the target, no scenario.
        expect(target.error, target.name).to.match(
          /^cannot connect to \S+: (nothing accepts connections there|the host name does not resolve)/,
        );
        expect(target.scenarios, target.name).to.deep.equal([]);
        continue;
      }
      const scenarios = target.scenarios.filter(
        (scenario) => !(tlsFaults.includes(target.name) && trueOfTlsServers.includes(scenario.id)),
      );
      const observed = scenarios.flatMap((scenario) => (scenario.observed ? [scenario.observed] : []));
      expect(observed.length, target.name).to.be.greaterThan(5);
      const outcomes = unique(observed.map((observation: Observation) => observation.outcome));
      const reasons = unique(observed.map((observation) => observation.reason)).join(' | ');
      if (target.name.startsWith('endless-')) {
        // They answer with a 200 head: accepted, unless the bounded read ends it first (error).
        expect(outcomes, reasons).not.to.include('rejected');
        continue;
      }
      expect(outcomes, `${target.name}: ${reasons}`).to.deep.equal(['error']);
      const passed = scenarios
        .filter((scenario) => scenario.verdict === 'pass')
        .map((scenario) => scenario.id);
      expect(passed, target.name).to.deep.equal([]);
    }
    // Every probe is bounded: 11 targets of ~15 scenarios, 16 at a time, 400 ms per stage at most.
    expect(elapsedMs).to.be.below(60_000);
  });
});

function unique<T>(values: readonly T[]): T[] {
  return [...new Set(values)];
}
