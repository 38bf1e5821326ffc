import { expect } from 'chai';
import { diffRuns } from '../harness/baseline/diff-runs.ts';
import type { Difference } from '../harness/baseline/run-diff.ts';
import type { Observation } from '../harness/probe/observation.ts';
import type { RunResults, ScenarioResult, TargetResult } from '../harness/report/run-results.ts';
import {
  acceptedObservation,
  certificate,
  runResults,
  targetResult,
} from './support/report-sample-results.ts';

const url = 'https://127.0.0.1:8443/healthcheck';

/** The seed's gateway, declared and configured to trust ca1+ca2 unless `actuallyTrusts` says otherwise. */
function gateway(actuallyTrusts: string[] = ['ca1', 'ca2'], name = 'gateway', at = url): TargetResult {
  return targetResult(name, at, ['ca1', 'ca2'], actuallyTrusts);
}

function scenario(results: RunResults, id: string, target = 0): ScenarioResult {
  const found = results.targets[target]!.scenarios.find((candidate) => candidate.id === id);
  if (!found) throw new Error(`no scenario ${id}`);
  return found;
}

function httpRefusal(at: string, status = 400): Observation {
  const base = acceptedObservation(at, certificate('rogue'), ['ca1']);
  return {
    ...base,
    outcome: 'rejected',
    reason:
      'server answered HTTP 400 "The SSL certificate error" (nginx: the client certificate failed verification)',
    http: {
      status,
      headers: { server: 'nginx' },
      bodyExcerpt: '<title>400 The SSL certificate error</title>',
    },
  };
}

function unreachable(at: string): Observation {
  const { host } = new URL(at);
  return {
    url: at,
    outcome: 'error',
    stage: 'tcp',
    reason: `cannot connect to ${host}: nothing accepts connections there (ECONNREFUSED)`,
    errorCode: 'ECONNREFUSED',
    acceptableCaNames: { obtained: false, why: 'no connection' },
    timings: { totalMs: 1 },
  };
}

/** What a case expects: category, target, scenario id (or undefined) and optionally the step. */
type Expected = [Difference['category'], string, string | undefined, string?];

const cases: {
  title: string;
  baseline: () => RunResults;
  current: () => RunResults;
  expected: Expected[];
}[] = [
  {
    title: 'the same run twice: no difference',
    baseline: () => runResults([gateway()]),
    current: () => runResults([gateway()]),
    expected: [],
  },
  {
    title: 'the seed: ca2 taken out of the trust store → second-ca-client newly-rejected, nothing else',
    baseline: () => runResults([gateway()]),
    current: () => runResults([gateway(['ca1'])]),
    expected: [['newly-rejected', 'gateway', 'second-ca-client']],
  },
  {
    title: 'the reverse: ca2 added → second-ca-client newly-accepted',
    baseline: () => runResults([gateway(['ca1'])]),
    current: () => runResults([gateway()]),
    expected: [['newly-accepted', 'gateway', 'second-ca-client']],
  },
  {
    title: 'a rogue client let in → newly-accepted',
    baseline: () => runResults([gateway()]),
    current: () => {
      const results = runResults([gateway()]);
      scenario(results, 'untrusted-ca').observed = acceptedObservation(url, certificate('rogue'), ['ca1']);
      return results;
    },
    expected: [['newly-accepted', 'gateway', 'untrusted-ca']],
  },
  {
    title: 'an error (target down) before, accepted now → newly-accepted',
    baseline: () => {
      const results = runResults([gateway()]);
      scenario(results, 'no-client-cert').observed = unreachable(url);
      return results;
    },
    current: () => {
      const results = runResults([gateway()]);
      scenario(results, 'no-client-cert').observed = acceptedObservation(url, undefined, ['ca1']);
      return results;
    },
    expected: [['newly-accepted', 'gateway', 'no-client-cert']],
  },
  {
    title: 'accepted before, cannot connect now → newly-rejected (an outage)',
    baseline: () => runResults([gateway()]),
    current: () => {
      const results = runResults([gateway()]);
      scenario(results, 'trusted-client').observed = unreachable(url);
      return results;
    },
    expected: [['newly-rejected', 'gateway', 'trusted-client']],
  },
  {
    title: 'refused by TLS alert before, by HTTP 400 now → rejection-changed',
    baseline: () => runResults([gateway()]),
    current: () => {
      const results = runResults([gateway()]);
      scenario(results, 'untrusted-ca').observed = httpRefusal(url);
      return results;
    },
    expected: [['rejection-changed', 'gateway', 'untrusted-ca']],
  },
  {
    title: 'refused before, cannot connect now → rejection-changed',
    baseline: () => runResults([gateway()]),
    current: () => {
      const results = runResults([gateway()]);
      scenario(results, 'wrong-eku').observed = unreachable(url);
      return results;
    },
    expected: [['rejection-changed', 'gateway', 'wrong-eku']],
  },
  {
    title: 'TLS 1.1 let in while TLS 1.0 is still refused → newly-accepted, in step TLS 1.1',
    baseline: () => runResults([gateway()]),
    current: () => {
      const results = runResults([gateway()]);
      const legacy = scenario(results, 'tls-legacy-versions');
      const accepted = acceptedObservation(url, certificate('tpp1'), ['ca1'], 'TLSv1.1');
      legacy.steps![1]!.observation = accepted;
      legacy.observed = accepted;
      legacy.verdict = 'fail';
      return results;
    },
    expected: [['newly-accepted', 'gateway', 'tls-legacy-versions', 'TLS 1.1']],
  },
  {
    title: 'the same observation under another verdict (skipped by config) → verdict-changed',
    baseline: () => runResults([gateway()]),
    current: () => {
      const results = runResults([gateway()]);
      Object.assign(scenario(results, 'wrong-eku'), {
        observed: null,
        verdict: 'skip',
        reason: 'skipped by config',
      });
      return results;
    },
    expected: [['verdict-changed', 'gateway', 'wrong-eku']],
  },
  {
    title: 'a renewed server certificate → one server-chain-changed for the target',
    baseline: () => runResults([gateway()]),
    current: () => {
      const results = runResults([gateway()]);
      const renewed = certificate('C=BR, O=Axway, CN=localhost renewed', undefined, [
        '2026-06-01T00:00:00.000Z',
        '2027-06-01T00:00:00.000Z',
      ]);
      for (const each of results.targets[0]!.scenarios) {
        for (const observation of [each.observed, ...(each.steps ?? []).map((step) => step.observation)]) {
          if (observation?.tls)
            observation.tls = {
              ...observation.tls,
              serverChain: [renewed, ...observation.tls.serverChain.slice(1)],
            };
        }
      }
      return results;
    },
    expected: [['server-chain-changed', 'gateway', undefined]],
  },
  {
    title: 'a scenario only in the current run, one only in the baseline → scenario-added, scenario-removed',
    baseline: () => runResults([gateway()]),
    current: () => {
      const results = runResults([gateway()]);
      const target = results.targets[0]!;
      target.scenarios = target.scenarios.filter((each) => each.id !== 'wrong-eku');
      target.scenarios.push({ ...scenario(results, 'tls-1.3'), id: 'tls-1.4', title: 'Future TLS' });
      return results;
    },
    expected: [
      ['scenario-added', 'gateway', 'tls-1.4'],
      ['scenario-removed', 'gateway', 'wrong-eku'],
    ],
  },
  {
    title: 'targets matched by name: one added, one removed',
    baseline: () => runResults([gateway(), gateway(undefined, 'old-edge')]),
    current: () => runResults([gateway(), gateway(undefined, 'new-edge')]),
    expected: [
      ['target-added', 'new-edge', undefined],
      ['target-removed', 'old-edge', undefined],
    ],
  },
  {
    title: 'a new port, named in the reasons, is no difference',
    baseline: () => {
      const results = runResults([gateway(undefined, 'gateway', url)]);
      scenario(results, 'no-client-cert').observed = unreachable(url);
      return results;
    },
    current: () => {
      const moved = 'https://127.0.0.1:40123/healthcheck';
      const results = runResults([gateway(undefined, 'gateway', moved)]);
      scenario(results, 'no-client-cert').observed = unreachable(moved);
      return results;
    },
    expected: [],
  },
];

describe('baseline: diffRuns classifies each difference', () => {
  for (const { title, baseline, current, expected } of cases) {
    it(title, () => {
      const diff = diffRuns(baseline(), current());
      const seen: Expected[] = diff.differences.map((difference) => {
        const row: Expected = [difference.category, difference.target, difference.scenario?.id];
        if (difference.step !== undefined) row.push(difference.step);
        return row;
      });
      expect(seen).to.deep.equal(expected);
    });
  }

  it('says which facts of a rejection moved, with the reasons as the runs wrote them', () => {
    const current = runResults([gateway()]);
    scenario(current, 'untrusted-ca').observed = httpRefusal(url);
    const [difference] = diffRuns(runResults([gateway()]), current).differences;
    expect(difference!.changes).to.deep.equal([
      { field: 'stage', before: 'after-handshake', after: 'http' },
      { field: 'alert', before: '42 bad_certificate', after: null },
      { field: 'http-status', before: null, after: '400' },
      {
        field: 'reason',
        before: 'server sent TLS alert 42 bad_certificate after the handshake',
        after:
          'server answered HTTP 400 "The SSL certificate error" (nginx: the client certificate failed verification)',
      },
    ]);
    expect(difference!.before).to.include({
      outcome: 'rejected',
      stage: 'after-handshake',
      alert: '42 bad_certificate',
    });
    expect(difference!.after).to.include({ outcome: 'rejected', stage: 'http', httpStatus: 400 });
  });

  it('says which part of the server chain moved: only notAfter for a re-issue with the same key and issuer', () => {
    const current = runResults([gateway()]);
    for (const each of current.targets[0]!.scenarios) {
      const leaf = each.observed?.tls?.serverChain[0];
      if (leaf)
        each.observed!.tls!.serverChain = [
          { ...leaf, notAfter: '2028-01-01T00:00:00.000Z' },
          ...each.observed!.tls!.serverChain.slice(1),
        ];
    }
    const [difference] = diffRuns(runResults([gateway()]), current).differences;
    expect(difference!.category).to.equal('server-chain-changed');
    expect(difference!.changes).to.deep.equal([
      { field: 'leaf-not-after', before: '2027-01-01T00:00:00.000Z', after: '2028-01-01T00:00:00.000Z' },
    ]);
    expect(difference!.summary).to.equal(
      'server certificate changed: leaf notAfter 2027-01-01T00:00:00.000Z → 2028-01-01T00:00:00.000Z',
    );
  });

  it('treats a target that did not start as every probe failing: the clients that got in are newly-rejected', () => {
    const current = runResults([{ ...gateway(), error: 'nginx exited with code 1', scenarios: [] }]);
    const diff = diffRuns(runResults([gateway()]), current);
    const newlyRejected = diff.differences
      .filter((difference) => difference.category === 'newly-rejected')
      .map((difference) => difference.scenario?.id);
    expect(newlyRejected).to.deep.equal([
      'trusted-client',
      'second-ca-client',
      'intermediate-chain',
      'bad-keystore-password',
      'tls-1.2',
      'tls-1.3',
      'server-identity',
    ]);
    expect(diff.differences.map((difference) => difference.category)).to.not.include('scenario-removed');
    expect(diff.differences[0]!.after?.reason).to.equal('the target did not start: nginx exited with code 1');
  });

  it('gates on --fail-on: counts every category, marks the differences that fail, and says whether the gate failed', () => {
    const baseline = runResults([gateway()]);
    const current = runResults([gateway(['ca1'])]);
    scenario(current, 'untrusted-ca').observed = httpRefusal(url);
    const byDefault = diffRuns(baseline, current);
    expect(byDefault.gate).to.deep.equal({ failOn: ['newly-accepted', 'newly-rejected'], failed: true });
    expect(byDefault.counts).to.deep.equal({
      'newly-accepted': 0,
      'newly-rejected': 1,
      'rejection-changed': 1,
      'server-chain-changed': 0,
      'verdict-changed': 0,
      'scenario-added': 0,
      'scenario-removed': 0,
      'target-added': 0,
      'target-removed': 0,
    });
    expect(byDefault.unchanged).to.equal(13);
    expect(byDefault.differences.map((difference) => difference.failsGate)).to.deep.equal([true, false]);

    const onlyHoles = diffRuns(baseline, current, { failOn: ['newly-accepted'] });
    expect(onlyHoles.gate).to.deep.equal({ failOn: ['newly-accepted'], failed: false });
    const changes = diffRuns(baseline, current, { failOn: ['rejection-changed', 'newly-accepted'] });
    expect(changes.gate).to.deep.equal({ failOn: ['newly-accepted', 'rejection-changed'], failed: true });
  });

  it('records which runs it compared', () => {
    const baseline = runResults([gateway()]);
    const diff = diffRuns(baseline, runResults([gateway()], true), {
      files: { baseline: '/ci/baseline.json' },
    });
    expect(diff.version).to.equal(1);
    expect(diff.baseline).to.deep.equal({
      file: '/ci/baseline.json',
      startedAt: '2026-03-02T10:00:00.000Z',
      finishedAt: '2026-03-02T10:00:01.250Z',
      toolVersion: '0.1.0',
      interrupted: false,
    });
    expect(diff.current).to.not.have.property('file');
    expect(diff.current.interrupted).to.equal(true);
  });
});
