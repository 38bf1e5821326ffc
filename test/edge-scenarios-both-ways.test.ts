import { expect } from 'chai';
import { exec } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FixtureSet } from '../harness/pki/fixture-set.ts';
import { SessionJournal, type RecordedSession } from '../harness/runner/session-journal.ts';
import type { TargetDeclaration } from '../harness/scenarios/scenario.ts';
import type { EdgeFlaw } from '../harness/servers/edge-flaw.ts';
import { MockMtlsServer } from '../harness/servers/mock-mtls-server.ts';
import type { StartedMockMtlsServer } from '../harness/servers/started-mock-mtls-server.ts';
import { testFixtures } from './support/fixtures.ts';
import { startOpensslServer } from './support/openssl-server.ts';
import { edgeVerdicts, runEdgeScenarios } from './support/run-edge-scenarios.ts';

// Every scenario around the edge passes against a mock built to be safe and fails against the mock
// built with the flaw it exists to catch (harness/servers/edge-flaw.ts), never through an error; and
// it is skipped, never passed, when the declaration or the server gives it nothing to judge.

const sharedWith = [
  { name: 'public.example.test', mtls: false },
  { name: 'partner.example.test', mtls: true, trusts: ['ca2'] },
];

describe('scenarios around the edge, proven both ways against the mock', function () {
  this.timeout(120_000);
  let fixtures: FixtureSet;
  before(async () => {
    fixtures = await testFixtures();
  });

  const start = (
    options: { flaw?: EdgeFlaw; trusts?: string[]; keys?: Buffer; virtualHosts?: boolean } = {},
  ): Promise<StartedMockMtlsServer> => {
    const builder = new MockMtlsServer(fixtures.identity('server'))
      .withTrust(fixtures.trustBundlePem(options.trusts ?? ['ca1']))
      .withRefusal('http');
    if (options.virtualHosts !== false) {
      builder
        .withVirtualHost('public.example.test', { mtls: false })
        .withVirtualHost('partner.example.test', { mtls: true, trustPem: fixtures.trustBundlePem(['ca2']) });
    }
    if (options.flaw) builder.withEdgeFlaw(options.flaw);
    if (options.keys) builder.withSessionTicketKeys(options.keys);
    return builder.start();
  };

  const declared = (
    server: StartedMockMtlsServer,
    extra: Partial<TargetDeclaration> = {},
  ): TargetDeclaration => ({
    name: 'edge',
    url: `https://localhost:${server.port}/healthcheck`,
    trusts: ['ca1'],
    rejectAt: 'any',
    tlsVersions: ['TLSv1.2', 'TLSv1.3'],
    sharedWith,
    ...extra,
  });

  const matrix: Array<{ flaw: EdgeFlaw | undefined; fails: string[] }> = [
    { flaw: undefined, fails: [] },
    { flaw: 'routes-by-host', fails: ['sni-host-mismatch', 'no-sni'] },
    { flaw: 'routes-by-host-without-sni', fails: ['no-sni'] },
    // It compares the Host as sent, port included: the probe's own Host (localhost:PORT) gets through too.
    { flaw: 'host-check-exact', fails: ['sni-host-mismatch', 'no-sni'] },
    {
      flaw: 'resumes-across-vhosts',
      fails: ['resumed-session-other-vhost', 'resumption-keeps-verification'],
    },
    { flaw: 'trusts-resumed-sessions', fails: ['resumption-keeps-verification'] },
  ];

  for (const { flaw, fails } of matrix) {
    it(`${flaw ?? 'safe'}: ${fails.length === 0 ? 'every scenario passes' : `${fails.join(' and ')} fail`}`, async () => {
      await using server = await start(flaw ? { flaw } : {});
      const { edge } = await runEdgeScenarios(fixtures, declared(server), {
        only: ['sni-host-mismatch', 'no-sni', 'resumed-session-other-vhost', 'resumption-keeps-verification'],
      });
      const expected = [
        'sni-host-mismatch',
        'no-sni',
        'resumed-session-other-vhost',
        'resumption-keeps-verification',
      ].map((id) => `${id}: ${fails.includes(id) ? 'fail' : 'pass'}`);
      expect(
        edgeVerdicts(edge),
        JSON.stringify(Object.values(edge).map((each) => each.reason)),
      ).to.deep.equal(expected);
      for (const id of fails) {
        const result = edge[id]!;
        // The evidence a person acts on: the failing step's SNI, Host and answer, and a command.
        expect(result.observed?.http?.status, id).to.be.within(200, 299);
        expect(result.observed?.sent, id).to.not.equal(undefined);
        expect(result.reproduce, id).to.match(
          /^printf 'GET \/healthcheck HTTP\/1\.1.* \| openssl s_client -connect localhost:\d+ -quiet /,
        );
        if (id.startsWith('resum')) {
          expect(result.observed?.session?.offered?.resumed, id).to.equal(true);
          expect(result.reproduce, id)
            .to.include('-sess_out session.pem')
            .and.include('-sess_in session.pem');
        }
        // The command repeats the failure by hand: the last answer it prints is the one that got in (a
        // response body may end without a line feed, so the next status line is not at a line start).
        const printed = await runShell(result.reproduce!);
        expect(printed.match(/HTTP\/1\.1 \d{3}/g)?.at(-1), `${id}: ${result.reproduce}`).to.equal(
          'HTTP/1.1 200',
        );
      }
    });
  }

  it('says which site, Host and session each step tried', async () => {
    await using server = await start({ flaw: 'host-check-exact' });
    const { edge } = await runEdgeScenarios(fixtures, declared(server), { only: ['sni-host-mismatch'] });
    const labels = edge['sni-host-mismatch']!.steps!.map((step) => `${step.label} => ${step.note}`);
    expect(labels).to.include(
      'SNI public.example.test (no certificate), Host localhost (as is) => refused: HTTP 421 Misdirected Request',
    );
    expect(
      labels.some((label) =>
        label.startsWith(
          'SNI public.example.test (no certificate), Host LOCALHOST (other case) => answered HTTP 200',
        ),
      ),
    ).to.equal(true);
    expect(
      labels.some((label) =>
        label.startsWith('SNI partner.example.test (presenting tpp2), Host localhost. (trailing dot)'),
      ),
    ).to.equal(true);
    expect(edge['sni-host-mismatch']!.reason).to.include('Host localhost. (trailing dot): answered HTTP 200');
  });

  it('skips, with the reason, what the declaration gives nothing to judge', async () => {
    await using server = await start({ virtualHosts: false });
    const base = declared(server, { url: `https://127.0.0.1:${server.port}/healthcheck` });
    const { sharedWith: _none, ...withoutNames } = base;
    const { edge } = await runEdgeScenarios(fixtures, { ...withoutNames, resumption: true });
    expect(edgeVerdicts(edge)).to.deep.equal([
      'sni-host-mismatch: skip',
      'no-sni: pass',
      'resumed-session-other-vhost: skip',
      'resumption-keeps-verification: pass',
      'resumed-after-trust-change: skip',
    ]);
    expect(edge['sni-host-mismatch']!.reason).to.equal(
      'no sharedWith declared: no other site on the address to send the SNI of',
    );
    expect(edge['no-sni']!.reason).to.include(
      'the URL is an address, so every probe of the catalogue sends no SNI too',
    );
    expect(edge['resumed-after-trust-change']!.reason).to.match(/^no session journal/);

    const handshakeOnly = await runEdgeScenarios(
      fixtures,
      { ...base, url: `tls://127.0.0.1:${server.port}` },
      { only: ['sni-host-mismatch'] },
    );
    expect(handshakeOnly.edge['sni-host-mismatch']!.reason).to.equal(
      'the target is a tls:// URL: no HTTP request carries a Host to differ from the SNI',
    );

    const notResuming = await runEdgeScenarios(fixtures, { ...base, resumption: false });
    for (const id of [
      'resumed-session-other-vhost',
      'resumption-keeps-verification',
      'resumed-after-trust-change',
    ]) {
      expect(notResuming.edge[id]!.verdict, id).to.equal('skip');
      expect(notResuming.edge[id]!.reason, id).to.equal(
        'the target is declared not to resume sessions (resumption: false)',
      );
    }
  });

  it('skips the resumption scenarios with "no session offered" against a server that offers none (openssl s_server)', async () => {
    // No tickets (TLS 1.2 nor 1.3: -num_tickets 0) and no session cache: nothing to resume.
    await using server = await startOpensslServer([
      '-www',
      '-verify',
      '1',
      '-CAfile',
      fixtures.path('ca1', 'crt'),
      '-cert',
      fixtures.path('server', 'crt'),
      '-key',
      fixtures.path('server', 'key'),
      '-no_ticket',
      '-num_tickets',
      '0',
      '-no_cache',
    ]);
    const declaration: TargetDeclaration = {
      name: 'no-resumption',
      url: `https://localhost:${server.port}/`,
      trusts: ['ca1'],
      rejectAt: 'any',
      tlsVersions: ['TLSv1.2', 'TLSv1.3'],
      resumption: true,
    };
    const journal = new SessionJournal({
      previous: undefined,
      previousNote: 'no --baseline was given',
      destination: 'tls-sessions.json',
    });
    const { edge } = await runEdgeScenarios(fixtures, declaration, {
      only: ['resumption-keeps-verification', 'resumed-after-trust-change'],
      sessionJournal: journal,
    });
    expect(edge['resumption-keeps-verification']!.verdict).to.equal('skip');
    expect(edge['resumption-keeps-verification']!.reason).to.match(
      /^no session to try: .*no session offered/,
    );
    expect(edge['resumed-after-trust-change']!.reason).to.include(
      'no session offered to record for the next run',
    );
    expect(journal.recorded.size).to.equal(0);
  });

  describe('resumed-after-trust-change: the sessions of one run offered in the next', () => {
    const keys = Buffer.alloc(48, 42);

    /** Run A against a server trusting ca1 and ca2, run B against one trusting ca1 alone, with A's sessions. */
    async function acrossTheChange(flaw: EdgeFlaw | undefined) {
      const first = new SessionJournal({
        previous: undefined,
        previousNote: 'no --baseline was given',
        destination: 'a/tls-sessions.json',
      });
      {
        await using before = await start({ trusts: ['ca1', 'ca2'], keys, virtualHosts: false });
        const runA = await runEdgeScenarios(
          fixtures,
          declared(before, { trusts: ['ca1', 'ca2'], sharedWith: [], resumption: true }),
          {
            only: ['resumed-after-trust-change'],
            sessionJournal: first,
          },
        );
        expect(runA.edge['resumed-after-trust-change']!.verdict).to.equal('skip');
      }
      const previous = new Map<string, readonly RecordedSession[]>(first.recorded);
      const second = new SessionJournal({
        previous,
        previousNote: 'a/tls-sessions.json',
        destination: 'b/tls-sessions.json',
      });
      await using after = await start({
        trusts: ['ca1'],
        keys,
        virtualHosts: false,
        ...(flaw ? { flaw } : {}),
      });
      const runB = await runEdgeScenarios(fixtures, declared(after, { sharedWith: [], resumption: true }), {
        only: ['resumed-after-trust-change'],
        sessionJournal: second,
      });
      return {
        recordedInA: [...first.recorded.values()].flat().map((each) => each.label),
        result: runB.edge['resumed-after-trust-change']!,
        second,
      };
    }

    it('records the sessions of the clients let in, and passes when the server verifies a resumed session again', async () => {
      const { recordedInA, result, second } = await acrossTheChange(undefined);
      expect(recordedInA).to.deep.equal([
        'tpp1 over TLSv1.2',
        'tpp1 over TLSv1.3',
        'tpp2 over TLSv1.2',
        'tpp2 over TLSv1.3',
      ]);
      expect(result.verdict, result.reason).to.equal('pass');
      const notes = result.steps!.map((step) => step.note);
      expect(notes.filter((note) => note?.startsWith('still let in on a full handshake'))).to.have.length(2);
      expect(notes.filter((note) => note?.startsWith('refused after resuming'))).to.have.length(2);
      // Run B records its own for the next run: tpp1 only, tpp2 being refused now.
      expect([...second.recorded.values()].flat().map((each) => each.label)).to.deep.equal([
        'tpp1 over TLSv1.2',
        'tpp1 over TLSv1.3',
      ]);
    });

    it('fails when the server lets a resumed session in without checking it against the trust it has now', async () => {
      const { result } = await acrossTheChange('trusts-resumed-sessions');
      expect(result.verdict).to.equal('fail');
      expect(result.reason).to.match(
        /TLS 1\.3 ticket of tpp2 over TLSv1\.3, recorded .*\(HTTP 200 then, HTTP 400 now on a full handshake\).*let it in: HTTP 200/,
      );
      expect(result.observed?.session?.offered?.resumed).to.equal(true);
    });
  });
});

/** Runs a reproduce command in a fresh folder (it may write session.pem there), returning its stdout. */
async function runShell(command: string): Promise<string> {
  const folder = await mkdtemp(join(tmpdir(), 'mtlsc-reproduce-'));
  try {
    return await new Promise((resolve) =>
      exec(command, { cwd: folder, timeout: 15_000, shell: '/bin/sh' }, (_error, stdout) => resolve(stdout)),
    );
  } finally {
    await rm(folder, { recursive: true, force: true });
  }
}
