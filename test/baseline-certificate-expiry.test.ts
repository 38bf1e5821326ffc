import { expect } from 'chai';
import { applyExpiryWatch } from '../harness/baseline/apply-expiry-watch.ts';
import { certificateExpiryCheck } from '../harness/baseline/certificate-expiry-check.ts';
import { expiryReport } from '../harness/baseline/certificate-expiry.ts';
import type { TargetResult } from '../harness/report/run-results.ts';
import { renderTerminalSummary } from '../harness/report/terminal-summary.ts';
import { evidenceContexts } from '../harness/report/evidence-contexts.ts';
import { runResults, targetResult } from './support/report-sample-results.ts';

// In the sample results every certificate (server leaf, root, clients) is valid 2026-01-01 → 2027-01-01,
// except `expired` (2024 → 2025) and `not-yet-valid` (2030 → 2031), which the scenarios present on purpose.
const now = new Date('2026-03-02T10:00:00.000Z');
const leafFingerprintStart = (target: TargetResult) =>
  target.scenarios[0]!.observed!.tls!.serverChain[0]!.fingerprintSha256;

const trustedIdentityScenarios = new Set([
  'trusted-client',
  'bad-keystore-password',
  'tls-legacy-versions',
  'tls-1.2',
  'tls-1.3',
  'server-identity',
]);
const presentsTrustedIdentity = (id: string) => trustedIdentityScenarios.has(id);

describe('baseline: certificate expiry watch', () => {
  it('counts the days left on the server chain and the trusted client identity only', () => {
    const target = targetResult('gateway', 'https://127.0.0.1:8443/healthcheck', ['ca1', 'ca2']);
    const report = expiryReport(target, { now, presentsTrustedIdentity })!;
    expect(report.checkedAt).to.equal('2026-03-02T10:00:00.000Z');
    expect(
      report.certificates.map((certificate) => [
        certificate.role,
        certificate.position,
        certificate.daysLeft,
      ]),
    ).to.deep.equal([
      ['server', 0, 304],
      ['server', 1, 304],
      ['client', undefined, 304],
    ]);
    expect(report.certificates[0]!.fingerprintSha256).to.equal(leafFingerprintStart(target));
    // expired, not-yet-valid, tpp2, rogue…: presented on purpose by their scenarios, never counted.
    expect(report.certificates[2]!.subject).to.include('CN=tpp1.demo.axway.com');
  });

  it('uses the catalogue by default: the expired fixture of expired-client-cert is not the trusted identity', () => {
    const results = applyExpiryWatch(
      runResults([targetResult('gateway', 'https://127.0.0.1:8443/x', ['ca1'])]),
      { now },
    );
    const subjects = results.targets[0]!.expiry!.certificates.map((certificate) => certificate.subject);
    expect(subjects.filter((subject) => subject.includes('expired'))).to.deep.equal([]);
    expect(subjects.some((subject) => subject.includes('tpp1'))).to.equal(true);
  });

  const checks: { title: string; at: string; warnDays: number; verdict: string; reason: string }[] = [
    {
      title: 'passes when every certificate outlives the warning',
      at: '2026-03-02T10:00:00.000Z',
      warnDays: 30,
      verdict: 'pass',
      reason:
        'every certificate has at least 30 days left: ' +
        'server [0] localhost: 304 days left (notAfter 2027-01-01T00:00:00.000Z); ' +
        'server [1] Axway Root CA: 304 days left (notAfter 2027-01-01T00:00:00.000Z); ' +
        'client tpp1.demo.axway.com: 304 days left (notAfter 2027-01-01T00:00:00.000Z)',
    },
    {
      title: 'fails when they expire within the warning, naming each one',
      at: '2026-12-15T00:00:00.000Z',
      warnDays: 30,
      verdict: 'fail',
      reason:
        '3 certificates expire within 30 days: ' +
        'server [0] localhost: 17 days left (notAfter 2027-01-01T00:00:00.000Z); ' +
        'server [1] Axway Root CA: 17 days left (notAfter 2027-01-01T00:00:00.000Z); ' +
        'client tpp1.demo.axway.com: 17 days left (notAfter 2027-01-01T00:00:00.000Z)',
    },
    {
      title: 'fails on certificates that have expired, even with a warning of 0 days',
      at: '2027-01-03T12:00:00.000Z',
      warnDays: 0,
      verdict: 'fail',
      reason:
        '3 certificates expire within 0 days: ' +
        'server [0] localhost: expired 3 days ago (notAfter 2027-01-01T00:00:00.000Z); ' +
        'server [1] Axway Root CA: expired 3 days ago (notAfter 2027-01-01T00:00:00.000Z); ' +
        'client tpp1.demo.axway.com: expired 3 days ago (notAfter 2027-01-01T00:00:00.000Z)',
    },
    {
      title: 'counts whole days: 17 days left passes a warning of 17 days',
      at: '2026-12-15T00:00:00.000Z',
      warnDays: 17,
      verdict: 'pass',
      reason: 'every certificate has at least 17 days left: server [0] localhost: 17 days left',
    },
    {
      title: 'counts whole days: 17 days left fails a warning of 18 days',
      at: '2026-12-15T00:00:00.000Z',
      warnDays: 18,
      verdict: 'fail',
      reason: '3 certificates expire within 18 days: server [0] localhost: 17 days left',
    },
    {
      title: 'counts whole days: 16.5 days left is 16 days',
      at: '2026-12-15T12:00:00.000Z',
      warnDays: 17,
      verdict: 'fail',
      reason: '3 certificates expire within 17 days: server [0] localhost: 16 days left',
    },
  ];
  for (const { title, at, warnDays, verdict, reason } of checks) {
    it(`certificate-expiry ${title}`, () => {
      const target = targetResult('gateway', 'https://127.0.0.1:8443/healthcheck', ['ca1', 'ca2']);
      const report = expiryReport(target, { now: new Date(at), presentsTrustedIdentity })!;
      const check = certificateExpiryCheck(report, warnDays);
      expect(check.id).to.equal('certificate-expiry');
      expect(check.verdict).to.equal(verdict);
      expect(check.reason.startsWith(reason), check.reason).to.equal(true);
      expect(check.observed).to.equal(null);
    });
  }

  it('skips the check when no certificate was seen (nothing answered TLS)', () => {
    const target = targetResult('gateway', 'https://127.0.0.1:8443/healthcheck', ['ca1']);
    for (const scenario of target.scenarios) scenario.observed = null;
    for (const scenario of target.scenarios) delete scenario.steps;
    const check = certificateExpiryCheck(expiryReport(target, { now, presentsTrustedIdentity })!, 30);
    expect([check.verdict, check.reason]).to.deep.equal([
      'skip',
      'no certificate was seen: no TLS handshake got that far',
    ]);
  });

  it('adds the check to every target that ran, counts it in the summary, and leaves targets that did not start alone', () => {
    const down: TargetResult = {
      name: 'down',
      url: 'https://127.0.0.1:1/',
      suite: 'server',
      trusts: ['ca1'],
      error: 'nginx exited',
      scenarios: [],
    };
    const results = runResults([targetResult('gateway', 'https://127.0.0.1:8443/x', ['ca1', 'ca2']), down]);
    const watched = applyExpiryWatch(results, { now: new Date('2026-12-15T00:00:00.000Z'), warnDays: 30 });
    expect(watched.targets[0]!.scenarios.at(-1)!.id).to.equal('certificate-expiry');
    expect(watched.targets[0]!.expiry!.warnDays).to.equal(30);
    expect(watched.summary).to.deep.equal({ ...results.summary, fail: results.summary.fail + 1 });
    expect(watched.targets[1]).to.deep.equal(down);
    // Without --warn-expiry-days: the days are reported, nothing is judged.
    const reported = applyExpiryWatch(results, { now });
    expect(reported.targets[0]!.scenarios.map((scenario) => scenario.id)).to.not.include(
      'certificate-expiry',
    );
    expect(reported.summary).to.deep.equal(results.summary);
  });

  it('shows the days left in the terminal summary and in the evidence of server-identity and the check', () => {
    const watched = applyExpiryWatch(
      runResults([targetResult('gateway', 'https://127.0.0.1:8443/x', ['ca1', 'ca2'])]),
      {
        now: new Date('2026-12-15T00:00:00.000Z'),
        warnDays: 30,
      },
    );
    const summary = renderTerminalSummary(watched, { color: false });
    expect(summary).to.include(
      'Certificate expiry (days left):\n  gateway  server localhost 17 · server Axway Root CA 17 · client tpp1.demo.axway.com 17\n',
    );
    const target = watched.targets[0]!;
    const evidence = (id: string) =>
      evidenceContexts(
        target.scenarios.find((scenario) => scenario.id === id)!,
        target,
      ).find((context) => context.title === 'Certificate expiry')?.value;
    expect(evidence('server-identity')).to.equal(evidence('certificate-expiry'));
    expect(evidence('certificate-expiry')).to.include(
      'server [0] C=BR, O=Axway, CN=localhost: 17 days left (notAfter 2027-01-01T00:00:00.000Z)\n',
    );
    expect(evidence('certificate-expiry')).to.include(
      'counted from 2026-12-15T00:00:00.000Z; --warn-expiry-days 30\n',
    );
    expect(evidence('trusted-client')).to.equal(undefined);
  });
});
