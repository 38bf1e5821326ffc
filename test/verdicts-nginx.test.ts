import { expect } from 'chai';
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { FixtureSet } from '../harness/pki/fixture-set.ts';
import { generateFixtureSet } from '../harness/pki/generate-fixture-set.ts';
import type { IdentitySource } from '../harness/pki/load-identity.ts';
import { openFixtureSet } from '../harness/pki/open-fixture-set.ts';
import { renderJunitXml } from '../harness/report/junit-xml.ts';
import type { RunResults, ScenarioResult, TargetResult } from '../harness/report/run-results.ts';
import { runConformance } from '../harness/runner/run-conformance.ts';
import { MockMtlsServer } from '../harness/servers/mock-mtls-server.ts';
import type { TargetDeclaration } from '../harness/scenarios/scenario.ts';
import { NginxProcessTargetProvider } from '../harness/targets/nginx-process-target.ts';
import type { NginxTargetOptions } from '../harness/targets/nginx-target-options.ts';
import type { StartedTarget } from '../harness/targets/target-provider.ts';
import { UrlTargetProvider } from '../harness/targets/url-target.ts';
import { suitePlanners } from '../suites/index.ts';
import { testFixtures, testPassphrase } from './support/fixtures.ts';
import { requireTool } from './support/require-tool.ts';
import { runCliProcess } from './support/run-cli-process.ts';
import { failedIds } from './support/run-catalogue.ts';

// The five wrong verdicts a new user met (issue 24), each against a real nginx 1.22 run by the nginx
// provider, and probed as an endpoint the harness did not start (provider url), as that user's was.
// Every one of these assertions failed before the fix: the legacy handshake passed on HTTP 400, a
// gateway of another fixture set was only "refusing", a PEM identity failed bad-keystore-password, an
// unreachable endpoint was 15 failures, and a 404 passed trusted-client.

const nginxBinary = '/usr/sbin/nginx';
const otherSetDir = fileURLToPath(new URL('../.tmp/verdicts-other-fixtures', import.meta.url));

describe('verdicts a new user found wrong, against real nginx (issue 24)', function () {
  this.timeout(120_000);
  let fixtures: FixtureSet;
  const started: StartedTarget[] = [];
  /** nginx trusting ca2 with TLS 1.0 and 1.1 enabled (and @SECLEVEL=0, so OpenSSL 3 speaks them). */
  let legacyCa2: StartedTarget;
  /** The same, trusting ca1. */
  let legacyCa1: StartedTarget;
  /** nginx trusting ca2, TLS 1.2 and 1.3 only: configured right. */
  let modernCa2: StartedTarget;
  /** nginx made from another fixture set than the run's: its ca1 has the same name, another key. */
  let otherSet: StartedTarget;

  before(async function () {
    requireTool(this, existsSync(nginxBinary), 'nginx', 'apt-get install nginx-light');
    fixtures = await testFixtures();
    const other = await openFixtureSet(
      (await generateFixtureSet({ outDir: otherSetDir, passphrase: testPassphrase })).dir,
    );
    const all = ['TLSv1', 'TLSv1.1', 'TLSv1.2', 'TLSv1.3'] as const;
    const start = async (name: string, trusts: string[], nginx: NginxTargetOptions, set = fixtures) => {
      const declaration = {
        name,
        trusts,
        rejectAt: 'any' as const,
        tlsVersions: ['TLSv1.2', 'TLSv1.3'] as const,
      };
      const target = await new NginxProcessTargetProvider({
        declaration,
        fixtures: set,
        options: nginx,
      }).start();
      started.push(target);
      return target;
    };
    [legacyCa2, legacyCa1, modernCa2, otherSet] = await Promise.all([
      start('legacy-ca2', ['ca2'], { protocols: [...all] }),
      start('legacy-ca1', ['ca1'], { protocols: [...all] }),
      start('modern-ca2', ['ca2'], {}),
      start('other-set', ['ca1'], {}, other),
    ]);
  });

  after(() => Promise.all(started.map((target) => target.stop())));

  /** The server catalogue against `url` as an endpoint the harness did not start, declared as given. */
  function runAgainst(
    url: string,
    declared: Partial<TargetDeclaration> & { trusts: string[] },
    options: { identity?: IdentitySource; serverCa?: string } = {},
  ): Promise<RunResults> {
    const declaration: TargetDeclaration = {
      name: 'gateway',
      url,
      rejectAt: 'any',
      tlsVersions: ['TLSv1.2', 'TLSv1.3'],
      ...declared,
      ...(options.serverCa !== undefined ? { serverCa: options.serverCa } : {}),
    };
    return runConformance({
      fixtures,
      fixturePassphrase: testPassphrase,
      planners: suitePlanners,
      concurrency: 8,
      timeouts: {},
      targets: [
        {
          declaration,
          suite: 'server',
          selection: {},
          provider: new UrlTargetProvider(declaration),
          ...(options.identity ? { identity: options.identity } : {}),
          ...(options.serverCa !== undefined ? { serverCa: { fixture: options.serverCa } } : {}),
        },
      ],
    });
  }

  const scenario = (target: TargetResult, id: string): ScenarioResult => {
    const found = target.scenarios.find((candidate) => candidate.id === id);
    if (!found) throw new Error(`no scenario ${id} in ${target.name}`);
    return found;
  };

  describe('1. tls-legacy-versions probes with a client the target trusts, and a completed handshake fails', () => {
    it('fails nginx trusting ca2 with TLS 1.0/1.1 enabled, declared --trusts ca2 (tpp2 presented)', async () => {
      const [target] = (await runAgainst(legacyCa2.url, { trusts: ['ca2'] })).targets;
      expect(failedIds(target!)).to.deep.equal(['tls-legacy-versions']);
      const legacy = scenario(target!, 'tls-legacy-versions');
      expect(legacy.undecided).to.equal(undefined);
      expect(legacy.reason).to.match(
        /^TLSv1: expected the TLSv1 handshake refused, but it completed \(TLSv1, /,
      );
      expect(legacy.reason).to.include('TLSv1.1: expected the TLSv1.1 handshake refused, but it completed');
      expect(legacy.likelyCause).to.include('TLSv1 is enabled on the endpoint');
      expect(legacy.reproduce).to.include(`--cert ${fixtures.path('tpp2', 'crt')}`);
      for (const step of legacy.steps ?? []) {
        expect(step.observation?.clientCertificate?.subject).to.include('CN=tpp2.demo.axway.com');
        expect(step.observation?.tls?.protocol).to.equal(step.label);
      }
      // The version scenarios now show TLS 1.2 and 1.3 accepted for the client nginx trusts.
      for (const id of ['tls-1.2', 'tls-1.3']) {
        expect(scenario(target!, id).observed?.http?.status, id).to.equal(200);
        expect(scenario(target!, id).verdict, id).to.equal('pass');
      }
    });

    it('fails a completed TLS 1.0 handshake even when the HTTP answer after it is a refusal (400)', async () => {
      // Declared ca2, but nginx trusts ca1: tpp2 is refused at HTTP, after TLS 1.0 was negotiated.
      const [target] = (await runAgainst(legacyCa1.url, { trusts: ['ca2'] })).targets;
      const legacy = scenario(target!, 'tls-legacy-versions');
      expect(legacy.verdict).to.equal('fail');
      expect(legacy.steps?.map((step) => step.observation?.http?.status)).to.deep.equal([400, 400]);
      expect(legacy.steps?.map((step) => step.observation?.outcome)).to.deep.equal(['rejected', 'rejected']);
      expect(legacy.reason).to.include('what followed does not undo it: HTTP 400');
    });

    it('passes nginx that offers TLS 1.2 and 1.3 only, and every other scenario with it', async () => {
      const [target] = (await runAgainst(modernCa2.url, { trusts: ['ca2'] }, { serverCa: 'ca1' })).targets;
      expect(failedIds(target!)).to.deep.equal([]);
      const legacy = scenario(target!, 'tls-legacy-versions');
      expect(legacy.steps?.map((step) => step.observation?.stage)).to.deep.equal([
        'tls-handshake',
        'tls-handshake',
      ]);
    });
  });

  describe('2. a gateway set up from another fixture set is not blamed in silence', () => {
    it("says the server chain's issuer has ca1's name but not its key, and why tpp1 is refused", async () => {
      const [target] = (await runAgainst(otherSet.url, { trusts: ['ca1'] }, { serverCa: 'ca1' })).targets;
      const identity = scenario(target!, 'server-identity');
      expect(identity.verdict).to.equal('fail');
      expect(identity.reason).to.include(
        "the server certificate's issuer has ca1's name (C=BR, ST=São Paulo, L=São Paulo, O=Axway, CN=Axway Root CA) but not its key",
      );
      expect(identity.reason).to.include('ca2 of this fixture set, or a CA of another fixture set');
      expect(identity.likelyCause).to.include("the gateway's certificate is not from the ca1 it names");
      const trusted = scenario(target!, 'trusted-client');
      expect(trusted.verdict).to.equal('fail');
      expect(trusted.likelyCause).to.match(
        /^the endpoint asks for a CA named C=BR, .*CN=Axway Root CA yet refuses this certificate: it holds a CA of that name with another key \(from another fixture set than /,
      );
    });
  });

  describe('3. bad-keystore-password with a PEM identity', () => {
    it('is skipped with the reason, and the rest passes, on nginx that trusts the identity', async () => {
      const identity = { certFile: fixtures.path('tpp2', 'crt'), keyFile: fixtures.path('tpp2', 'key') };
      const [target] = (
        await runAgainst(modernCa2.url, { trusts: ['ca2'], trustedIdentity: 'tpp2.crt' }, { identity })
      ).targets;
      expect(failedIds(target!)).to.deep.equal([]);
      const keystore = scenario(target!, 'bad-keystore-password');
      expect(keystore.verdict).to.equal('skip');
      expect(keystore.reason).to.equal(
        "the target's identity is PEM (tpp2.crt), which has no keystore password to get wrong; give identity.p12 or identity.keystore to run it",
      );
      expect(scenario(target!, 'trusted-client').observed?.http?.status).to.equal(200);
    });
  });

  describe('4. an unreachable target', () => {
    it('is checked once and reported once: one target error, no scenarios, one JUnit <error>', async () => {
      const port = await closedPort();
      const results = await runAgainst(`https://127.0.0.1:${port}/healthcheck`, { trusts: ['ca1'] });
      const [target] = results.targets;
      expect(target!.scenarios).to.deep.equal([]);
      expect(target!.provider).to.equal('url');
      expect(target!.error).to.equal(
        `cannot connect to 127.0.0.1:${port}: nothing accepts connections there (ECONNREFUSED)`,
      );
      expect(results.summary).to.deep.equal({ pass: 0, fail: 0, skip: 0, notRun: 0, undecided: 0 });
      const junit = renderJunitXml(results);
      expect(junit).to.include('tests="1" failures="0" errors="1"');
      expect(junit.match(/<error /g)).to.have.length(1);
      expect(junit).to.include('name="the target is reachable"');
    });
  });

  describe('5. a wrong URL path', () => {
    it('does not pass: every client that should be accepted is undecided with the 404, not a pass', async () => {
      const url = modernCa2.url.replace(/\/healthcheck$/, '/wrong-path');
      const results = await runAgainst(url, { trusts: ['ca2'] });
      const [target] = results.targets;
      const undecided = target!.scenarios.filter((result) => result.undecided).map((result) => result.id);
      expect(undecided).to.deep.equal(['second-ca-client', 'tls-1.2', 'tls-1.3']);
      expect(failedIds(target!)).to.deep.equal(undecided);
      expect(results.summary).to.include({ fail: 3, undecided: 3 });
      const second = scenario(target!, 'second-ca-client');
      expect(second.reason).to.equal(
        'expected accepted, but the answer is HTTP 404: the TLS layer let the client in, and nothing answers at /wrong-path, so acceptance by the endpoint is not shown',
      );
      expect(second.likelyCause).to.include('wrong URL path?');
    });

    it('a 5xx for a client that should be accepted is undecided too (the mock answering 502 on a route)', async () => {
      const mock = await new MockMtlsServer(fixtures.identity('server'))
        .withTrust(fixtures.trustBundlePem(['ca1']))
        .withRoute('GET', '/upstream-down', () => ({ status: 502, body: 'Bad Gateway' }))
        .start();
      try {
        const results = await runAgainst(`https://127.0.0.1:${mock.port}/upstream-down`, { trusts: ['ca1'] });
        const trusted = scenario(results.targets[0]!, 'trusted-client');
        expect(trusted.verdict).to.equal('fail');
        expect(trusted.undecided).to.equal(true);
        expect(trusted.reason).to.equal(
          'expected accepted, but the answer is HTTP 502: the TLS layer let the client in, and the endpoint failed to answer /upstream-down, so acceptance is not shown',
        );
        expect(trusted.likelyCause).to.include('the service behind the gateway failed');
        // A refusal scenario is still judged on the refusal: the mock refuses rogue at the handshake.
        expect(scenario(results.targets[0]!, 'untrusted-ca').verdict).to.equal('pass');
      } finally {
        await mock.stop();
      }
    });

    it('a 421 Misdirected Request for a client that should be accepted is undecided, not a pass', async () => {
      const mock = await new MockMtlsServer(fixtures.identity('server'))
        .withTrust(fixtures.trustBundlePem(['ca1']))
        .withRoute('GET', '/other-site', () => ({ status: 421, body: 'Misdirected Request' }))
        .start();
      try {
        const results = await runAgainst(`https://127.0.0.1:${mock.port}/other-site`, { trusts: ['ca1'] });
        const trusted = scenario(results.targets[0]!, 'trusted-client');
        expect(trusted.verdict).to.equal('fail');
        expect(trusted.undecided).to.equal(true);
        expect(trusted.reason).to.include('HTTP 421 Misdirected Request');
        expect(trusted.likelyCause).to.include('set servername');
      } finally {
        await mock.stop();
      }
    });

    it('through the CLI: exit 1 (an expectation not shown to be met), `?` and the reason on stdout', async () => {
      const work = await mkdtemp(join(tmpdir(), 'verdicts-cli-'));
      try {
        const url = modernCa2.url.replace(/\/healthcheck$/, '/wrong-path');
        const result = await runCliProcess(
          [
            'run',
            '--target',
            url,
            '--name',
            'gateway',
            '--trusts',
            'ca2',
            '--fixtures',
            fixtures.dir,
            '--fixtures-passphrase-env',
            'FIXTURE_PASS',
            '--report-dir',
            join(work, 'reports'),
          ],
          { cwd: work, env: { FIXTURE_PASS: testPassphrase } },
        );
        expect(result.code, result.stderr).to.equal(1);
        expect(result.stdout).to.match(/^gateway +✔ +✔ +\? +✔ /m);
        expect(result.stdout).to.include(
          '? gateway › second-ca-client (could not decide): expected accepted, but the answer is HTTP 404',
        );
        expect(result.stdout).to.include('    likely cause: wrong URL path?');
        expect(result.stdout).to.match(/^ {4}reproduce: curl -v .*--cert \S+tpp2\.crt .*\/wrong-path$/m);
        expect(result.stdout).to.include(
          '1 target, 25 scenarios: 18 passed, 0 failed, 3 could not decide, 4 skipped',
        );
        // Progress is on stderr; the result is not repeated there.
        expect(result.stderr).to.include('] ? gateway › second-ca-client');
        expect(result.stderr).not.to.include('could not decide, 1 skipped');
      } finally {
        await rm(work, { recursive: true, force: true });
      }
    });
  });
});

/** A port nothing listens on: one the system gave out a moment ago, closed again. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  await new Promise((resolve) => server.close(resolve));
  if (address === null || typeof address === 'string') throw new Error('no port');
  return address.port;
}
