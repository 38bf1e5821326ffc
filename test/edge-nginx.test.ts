import { expect } from 'chai';
import { randomBytes } from 'node:crypto';
import { mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FixtureSet } from '../harness/pki/fixture-set.ts';
import type { RunResults, ScenarioResult } from '../harness/report/run-results.ts';
import type { SharedName } from '../harness/scenarios/edge/edge-declaration.ts';
import { ContainerTargetProvider } from '../harness/targets/container-target.ts';
import { NginxProcessTargetProvider } from '../harness/targets/nginx-process-target.ts';
import type { NginxTargetOptions } from '../harness/targets/nginx-target-options.ts';
import { requireDockerEngine } from './support/docker-available.ts';
import { testFixtures, testFixturesDir, testPassphrase } from './support/fixtures.ts';
import { runCliProcess } from './support/run-cli-process.ts';
import { edgeVerdicts, runEdgeScenarios } from './support/run-edge-scenarios.ts';

// The scenarios around the edge against Debian's nginx 1.22 (1.22.1-9+deb12u11, which carries the
// CVE-2025-23419 fix: debian/changelog, 1.22.1-9+deb12u1) with two server blocks on one port, as the
// nginx provider renders them. Each answer pinned here is recorded in docs/observed-refusals.md.

const publicSite: SharedName = { name: 'public.example.test', mtls: false };
const partnerSite: SharedName = { name: 'partner.example.test', mtls: true, trusts: ['ca2'] };

const steps = (result: ScenarioResult) => result.steps!.map((step) => step.note);

describe("scenarios around the edge against Debian's nginx with two sites on one port", function () {
  this.timeout(180_000);
  let fixtures: FixtureSet;
  before(async () => {
    fixtures = await testFixtures();
  });

  async function runAgainstNginx(sharedWith: SharedName[], options: NginxTargetOptions = {}) {
    await using target = await new NginxProcessTargetProvider({
      declaration: {
        name: 'edge-nginx',
        trusts: ['ca1'],
        rejectAt: 'any',
        tlsVersions: ['TLSv1.2', 'TLSv1.3'],
        sharedWith,
      },
      fixtures,
      options,
    }).start();
    expect(target.url).to.match(/^https:\/\/localhost:\d+\/healthcheck$/);
    const config = await readFile(target.generatedConfigPath!, 'utf8');
    const { edge, results } = await runEdgeScenarios(fixtures, target.declaration, {
      only: [
        'trusted-client',
        'no-client-cert',
        'sni-host-mismatch',
        'no-sni',
        'resumed-session-other-vhost',
        'resumption-keeps-verification',
      ],
    });
    return { edge, results, config };
  }

  it('an ordinary site beside the mTLS one: every path is refused, each in the way nginx refuses it', async () => {
    const { edge, results, config } = await runAgainstNginx([publicSite]);
    expect(config).to.match(
      /ssl_session_cache {3}shared:mtlsc:1m;\n {4}ssl_session_timeout 5m;\n {4}ssl_session_tickets on;/,
    );
    // The ordinary site comes first: nginx's default server for the port.
    expect(config.indexOf('server_name public.example.test;')).to.be.lessThan(
      config.indexOf('server_name localhost;'),
    );
    expect(results.targets[0]!.scenarios.map((each) => `${each.id}: ${each.verdict}`)).to.include.members([
      'trusted-client: pass',
      'no-client-cert: pass',
    ]);
    expect(edgeVerdicts(edge)).to.deep.equal([
      'sni-host-mismatch: pass',
      'no-sni: pass',
      'resumed-session-other-vhost: pass',
      'resumption-keeps-verification: pass',
    ]);
    // nginx's own 421 (ngx_http_set_virtual_server) for every Host variant: it compares names normalised.
    expect(steps(edge['sni-host-mismatch']!)).to.deep.equal(
      Array(4).fill('refused: HTTP 421 Misdirected Request'),
    );
    // No SNI: the public site's TLS (no certificate asked), then nginx's certificate check of the
    // localhost block (ngx_http_process_request) answers before the 421 guard's rewrite phase.
    expect(steps(edge['no-sni']!)).to.deep.equal(['refused: HTTP 400']);
    // TLS 1.3: the CVE-2025-23419 fix refuses a session of another server block in the handshake;
    // TLS 1.2: the session resumes, its SNI stays the public site's, and the Host gets 421.
    expect(steps(edge['resumed-session-other-vhost']!)).to.deep.equal([
      'refused after resuming: HTTP 421 Misdirected Request',
      'refused after resuming: HTTP 421 Misdirected Request',
      'refused in the handshake: TLS alert 49 access_denied',
    ]);
    // A resumed session keeps the verification of its handshake (SSL_get_verify_result, the peer).
    expect(steps(edge['resumption-keeps-verification']!)).to.deep.equal([
      'resumed a session whose own handshake the target verified: HTTP 200',
      'refused after resuming: HTTP 400',
      'refused after resuming: HTTP 400',
      'resumed a session whose own handshake the target verified: HTTP 200',
      'refused after resuming: HTTP 400',
      'refused after resuming: HTTP 400',
    ]);
  });

  it('an mTLS partner site as the default server: a client without SNI is verified against its CAs and routed by Host, unless the 421 guard stops it', async () => {
    const unguarded = await runAgainstNginx([partnerSite], { sniHostCheck: false });
    expect(unguarded.config).not.to.include('$ssl_server_name != $host');
    expect(edgeVerdicts(unguarded.edge)).to.deep.equal([
      'sni-host-mismatch: pass',
      'no-sni: fail',
      'resumed-session-other-vhost: pass',
      'resumption-keeps-verification: pass',
    ]);
    const noSni = unguarded.edge['no-sni']!;
    expect(noSni.reason).to.match(
      /^no SNI, presenting tpp2 \(accepted by partner\.example\.test\), Host localhost:\d+: answered HTTP 200/,
    );
    expect(noSni.observed?.clientCertificate?.subject).to.include('CN=tpp2.demo.axway.com');
    expect(noSni.observed?.sent?.servername).to.equal(null);

    const guarded = await runAgainstNginx([partnerSite]);
    expect(guarded.config).to.include('if ($ssl_server_name != $host) {');
    expect(edgeVerdicts(guarded.edge)).to.deep.equal([
      'sni-host-mismatch: pass',
      'no-sni: pass',
      'resumed-session-other-vhost: pass',
      'resumption-keeps-verification: pass',
    ]);
    // Without a certificate nginx's own check answers first; tpp2, verified by the partner's CAs, meets
    // the guard.
    expect(steps(guarded.edge['no-sni']!)).to.deep.equal([
      'refused: HTTP 400',
      'refused: HTTP 421 Misdirected Request',
    ]);
  });
});

describe('scenarios around the edge against the same nginx config in a container (host network)', function () {
  this.timeout(120_000);
  it("copies the other sites' CA files in with the config, and the scenarios see what the local nginx gives", async function () {
    await requireDockerEngine(this);
    const fixtures = await testFixtures();
    await using target = await new ContainerTargetProvider({
      declaration: {
        name: 'edge-container',
        trusts: ['ca1'],
        rejectAt: 'any',
        tlsVersions: ['TLSv1.2', 'TLSv1.3'],
        sharedWith: [partnerSite],
      },
      fixtures,
      nginx: { sniHostCheck: false },
    }).start();
    expect(target.url).to.match(/^https:\/\/localhost:\d+\/healthcheck$/);
    const { edge } = await runEdgeScenarios(fixtures, target.declaration, {
      only: ['sni-host-mismatch', 'no-sni', 'resumed-session-other-vhost'],
    });
    expect(edgeVerdicts(edge)).to.deep.equal([
      'sni-host-mismatch: pass',
      'no-sni: fail',
      'resumed-session-other-vhost: pass',
    ]);
  });
});

describe('resumed-after-trust-change on nginx across two runs (run --baseline), with one ticket key file', function () {
  this.timeout(180_000);
  let work: string;
  const env = { FIXTURE_PASS: testPassphrase };

  before(async () => {
    await testFixtures();
    work = await mkdtemp(join(tmpdir(), 'edge-trust-change-'));
    await writeFile(join(work, 'ticket.key'), randomBytes(80), { mode: 0o600 });
  });
  after(async () => {
    await rm(work, { recursive: true, force: true });
  });

  /** `run` of one nginx target trusting `trusts`, into `name`, with `extra` flags. */
  async function run(name: string, trusts: string[], extra: string[] = []) {
    const config = join(work, `${name}.yaml`);
    await writeFile(
      config,
      [
        `fixtures: ${testFixturesDir}`,
        'targets:',
        '  - name: gateway',
        '    provider: nginx',
        `    trusts: [${trusts.join(', ')}]`,
        '    resumption: true',
        '    scenarios: { only: [trusted-client, second-ca-client, resumed-after-trust-change] }',
        '    nginx: { sessionTicketKey: ./ticket.key }',
        '',
      ].join('\n'),
    );
    const reportDir = join(work, name);
    const result = await runCliProcess(
      [
        'run',
        '--config',
        config,
        '--fixtures-passphrase-env',
        'FIXTURE_PASS',
        '--report-dir',
        reportDir,
        ...extra,
      ],
      { cwd: work, env, timeoutMs: 60_000 },
    );
    const results = JSON.parse(await readFile(join(reportDir, 'results.json'), 'utf8')) as RunResults;
    const scenario = results.targets[0]!.scenarios.find((each) => each.id === 'resumed-after-trust-change')!;
    return { ...result, reportDir, scenario };
  }

  it('ca2 leaves the trust store: its client, refused now, still gets in on a ticket from before (same-name CAs)', async () => {
    const before = await run('before', ['ca1', 'ca2']);
    expect(before.code, before.stderr).to.equal(0);
    expect(before.scenario.verdict).to.equal('skip');
    expect(before.scenario.reason).to.match(
      /^nothing to compare with: no --baseline was given; recorded tpp1 over TLSv1\.2, tpp1 over TLSv1\.3, tpp2 over TLSv1\.2, tpp2 over TLSv1\.3 in .*tls-sessions\.json/,
    );
    const sessions = join(before.reportDir, 'tls-sessions.json');
    expect((await stat(sessions)).mode & 0o777).to.equal(0o600);
    expect(before.stdout).to.include(`TLS sessions for the next run with --baseline`).and.include(sessions);

    // Only newly-accepted fails the gate here, so the exit code is the trust-change scenario's.
    const after = await run(
      'after',
      ['ca1'],
      ['--baseline', join(before.reportDir, 'results.json'), '--fail-on', 'newly-accepted'],
    );
    expect(after.scenario.verdict, after.scenario.reason).to.equal('fail');
    expect(after.code, after.stderr).to.equal(1);
    // ca1 and ca2 have the same subject name, so nginx's session id context (a hash of the client CA
    // names, ngx_ssl_session_id_context) is the same before and after: the old tickets still resume.
    expect(after.scenario.reason).to.match(
      /TLS 1\.2 ticket of tpp2 over TLSv1\.2, recorded .*\(HTTP 200 then, HTTP 400 now on a full handshake\).*let it in: HTTP 200/,
    );
    expect(after.scenario.reason).to.match(/TLS 1\.3 ticket of tpp2 over TLSv1\.3, .*let it in: HTTP 200/);

    // No report holds a session; the session file does, and only there.
    const recorded = JSON.parse(await readFile(sessions, 'utf8')) as {
      targets: Array<{ sessions: Array<{ pem: string }> }>;
    };
    const secrets = recorded.targets.flatMap((target) =>
      target.sessions.map((session) => session.pem.split('\n')[3]!),
    );
    for (const file of ['results.json', 'report.html', 'junit.xml', 'diff.json', 'diff.html']) {
      const text = await readFile(join(after.reportDir, file), 'utf8');
      expect(text, file).not.to.include('SSL SESSION PARAMETERS');
      for (const secret of secrets) expect(text, file).not.to.include(secret);
    }
  });

  it('a CA with a name of its own leaves the trust store: nginx resumes none of the old sessions', async () => {
    const before = await run('before-named', ['ca1', 'ca2', 'rogue-ca']);
    expect(before.code, before.stderr).to.equal(0);
    const after = await run(
      'after-named',
      ['ca1'],
      ['--baseline', join(before.reportDir, 'results.json'), '--fail-on', 'newly-accepted'],
    );
    expect(after.scenario.verdict, after.scenario.reason).to.equal('pass');
    expect(after.code, after.stderr).to.equal(0);
    expect(
      steps(after.scenario).filter((note) => note?.startsWith('refused, not resumed: HTTP 400')),
    ).to.have.length(2);
  });

  it('says so when the baseline has no session file beside it', async () => {
    const before = await run('before-bare', ['ca1']);
    await rm(join(before.reportDir, 'tls-sessions.json'));
    const after = await run('after-bare', ['ca1'], ['--baseline', join(before.reportDir, 'results.json')]);
    expect(after.scenario.verdict).to.equal('skip');
    expect(after.scenario.reason).to.include(
      `there is no tls-sessions.json beside the baseline ${join(before.reportDir, 'results.json')} (copy it with results.json)`,
    );
  });
});
