import { expect } from 'chai';
import type { RunResults } from '../harness/report/run-results.ts';
import { combineReporters, type RunReporter } from '../harness/report/run-reporter.ts';
import { progressLine, TerminalProgressReporter } from '../harness/report/terminal-progress-reporter.ts';
import { renderTerminalSummary } from '../harness/report/terminal-summary.ts';
import { collectStream } from './support/collect-stream.ts';
import {
  hostileRunResults,
  runResults,
  sampleRunResults,
  targetResult,
} from './support/report-sample-results.ts';

/**
 * A partner target that was interrupted (one scenario undecided), the CA1-only failure, a target that
 * never came up and an endpoint that could not be reached.
 */
function mixedRunResults(): RunResults {
  const partner = targetResult('partner-bank-with-a-very-long-name-indeed', 'https://partner.example/', [
    'ca1',
  ]);
  Object.assign(partner.scenarios[0]!, {
    verdict: 'skip',
    observed: null,
    reason: 'skipped: the partner gateway answers 200 to anonymous health checks',
  });
  Object.assign(partner.scenarios[1]!, {
    verdict: 'fail',
    undecided: true,
    reason:
      'expected accepted, but the answer is HTTP 404: the TLS layer let the client in, and nothing answers at /, so acceptance by the endpoint is not shown',
    likelyCause: "wrong URL path? point the target's url at a route that answers 2xx to a trusted client",
    reproduce: 'curl -v --cert tpp1.crt --key tpp1.key https://partner.example/',
  });
  for (const scenario of partner.scenarios.slice(12)) {
    Object.assign(scenario, {
      verdict: 'not-run',
      observed: null,
      reason: 'not run: the run was interrupted',
    });
  }
  const ca1Only = targetResult('ca1-only', 'https://127.0.0.1:9443/healthcheck', ['ca1'], ['ca1', 'ca2']);
  ca1Only.scenarios[2]!.likelyCause = "the endpoint trusts ca2, which has ca1's name and another key";
  const down = {
    ...targetResult('down', 'https://127.0.0.1:1/', ['ca1']),
    provider: 'nginx' as const,
    scenarios: [],
    error: 'nginx exited at start: bind() to 127.0.0.1:1 failed (13: Permission denied)',
  };
  const gone = {
    ...targetResult('gone', 'https://127.0.0.1:9/', ['ca1']),
    provider: 'url' as const,
    scenarios: [],
    error: 'cannot connect to 127.0.0.1:9: nothing accepts connections there (ECONNREFUSED)',
  };
  return runResults([partner, ca1Only, down, gone], true);
}

describe('report: terminal summary', () => {
  it('renders the targets × scenarios matrix, the failures and the totals', () => {
    expect(renderTerminalSummary(mixedRunResults(), { color: false, width: 80 })).to.equal(
      [
        '                              1  2  3  4  5  6  7  8  9 10 11 12 13 14 15',
        'partner-bank-with-a-very-lo…  –  ?  ✔  ✔  ✔  ✔  ✔  ✔  ✔  ✔  ✔  ✔  ·  ·  ·',
        'ca1-only                      ✔  ✔  ✘  ✔  ✔  ✔  ✔  ✔  ✔  ✔  ✔  ✔  ✔  ✔  ✔',
        'down                          ? did not start',
        'gone                          ? unreachable',
        '',
        ' 1 no-client-cert              9 intermediate-chain',
        ' 2 trusted-client             10 missing-intermediate',
        ' 3 second-ca-client           11 bad-keystore-password',
        ' 4 untrusted-ca               12 tls-legacy-versions',
        ' 5 expired-client-cert        13 tls-1.2',
        ' 6 not-yet-valid-client-cert  14 tls-1.3',
        ' 7 self-signed-client-cert    15 server-identity',
        ' 8 wrong-eku',
        '',
        '✔ pass  ✘ fail  ? could not decide  – skipped  · not run',
        '',
        '? partner-bank-with-a-very-long-name-indeed › trusted-client (could not decide): expected accepted, but the answer is HTTP 404: the TLS layer let the client in, and nothing answers at /, so acceptance by the endpoint is not shown',
        "    likely cause: wrong URL path? point the target's url at a route that answers 2xx to a trusted client",
        '    reproduce: curl -v --cert tpp1.crt --key tpp1.key https://partner.example/',
        '✘ ca1-only › second-ca-client: expected rejected, observed accepted: HTTP 200',
        "    likely cause: the endpoint trusts ca2, which has ca1's name and another key",
        '    reproduce: curl -v --cacert /work/fixtures/ca1.crt --cert /work/fixtures/tpp2.crt --key /work/fixtures/tpp2.key https://127.0.0.1:9443/healthcheck',
        '? down › the target starts: nginx exited at start: bind() to 127.0.0.1:1 failed (13: Permission denied)',
        '? gone › the target is reachable: cannot connect to 127.0.0.1:9: nothing accepts connections there (ECONNREFUSED)',
        '',
        '4 targets, 30 scenarios: 24 passed, 1 failed, 1 could not decide, 1 skipped, 3 not run; 1 target did not start; 1 target unreachable (interrupted)',
        '',
      ].join('\n'),
    );
  });

  it('lays the key of scenario ids out in as many columns as the width allows', () => {
    const key = renderTerminalSummary(sampleRunResults(), { color: false, width: 120 }).split('\n')[4];
    expect(key).to.equal(
      ' 1 no-client-cert              5 expired-client-cert         9 intermediate-chain         13 tls-1.2',
    );
  });

  it('colours verdicts only when asked', () => {
    const colored = renderTerminalSummary(sampleRunResults(), { color: true });
    expect(colored).to.include('\u001B[31m✘\u001B[39m ca1-only › second-ca-client');
    expect(colored).to.include('\u001B[32m✔\u001B[39m');
    expect(renderTerminalSummary(sampleRunResults(), { color: false })).not.to.include('\u001B');
  });

  it('never passes control characters from a target on to the terminal', () => {
    const summary = renderTerminalSummary(hostileRunResults(), { color: false });
    // eslint-disable-next-line no-control-regex -- asserting their absence
    expect(summary).not.to.match(/[\u0000-\u0008\u000B-\u001F\u007F-\u009F\u202E]/);
    expect(summary).to.include(
      '✘ evil<script>window.__pwned=1</script> › second-ca-client: expected rejected <img src=x onerror="window.__pwned=2"> \\x1B[2J cleared & \\u202Eesrever',
    );
  });
});

describe('report: terminal progress', () => {
  const target = { name: 'ca1-only', url: 'https://127.0.0.1:9443/healthcheck', suite: 'server' as const };
  const [passing, , failing] = targetResult('ca1-only', target.url, ['ca1'], ['ca1', 'ca2']).scenarios;

  function replay(reporter: RunReporter): void {
    reporter.onRunStart?.({ targets: 1, scenarios: 15 });
    reporter.onScenarioStart?.(target, passing!);
    reporter.onScenarioStart?.(target, failing!);
    reporter.onScenarioEnd?.(target, passing!);
    reporter.onScenarioEnd?.(target, failing!);
    reporter.onRunEnd?.(sampleRunResults());
  }

  it('writes one line per finished scenario when the stream is not a terminal', () => {
    const stream = collectStream();
    replay(new TerminalProgressReporter(stream));
    expect(stream.text()).to.equal(
      [
        '[ 1/15] ✔ ca1-only › no-client-cert (9 ms)',
        '[ 2/15] ✘ ca1-only › second-ca-client (11 ms): expected rejected, observed accepted: HTTP 200',
        '',
      ].join('\n'),
    );
  });

  it('rewrites one status line on a terminal, keeps each failure above it, and clears it at the end', () => {
    const stream = Object.assign(collectStream(), { isTTY: true, columns: 40 });
    replay(new TerminalProgressReporter(stream));
    const clear = '\r\u001B[2K';
    expect(stream.text()).to.equal(
      [
        `${clear}[ 0/15] ca1-only › no-client-cert`,
        `${clear}[ 0/15] ca1-only › no-client-cert (+1 …`,
        `${clear}[ 1/15] ca1-only › second-ca-client`,
        `${clear}[ 2/15] ✘ ca1-only › second-ca-client (11 ms): expected rejected, observed accepted: HTTP 200\n`,
        `${clear}[ 2/15]`,
        clear,
      ].join(''),
    );
  });

  it('says when the probes move to worker threads, and why, between the progress lines', () => {
    const stream = collectStream();
    const reporter = combineReporters(new TerminalProgressReporter(stream));
    reporter.onRunStart?.({ targets: 1, scenarios: 15 });
    reporter.onScenarioEnd?.(target, passing!);
    reporter.onWorkersStarted?.({ count: 2, why: 'the main thread was the limit and a core stood idle' });
    reporter.onScenarioEnd?.(target, failing!);
    expect(stream.text().split('\n').slice(0, 3)).to.deep.equal([
      '[ 1/15] ✔ ca1-only › no-client-cert (9 ms)',
      'Probes now run on 2 worker thread(s): the main thread was the limit and a core stood idle.',
      '[ 2/15] ✘ ca1-only › second-ca-client (11 ms): expected rejected, observed accepted: HTTP 200',
    ]);
  });

  it('formats a finished scenario without a known total', () => {
    expect(progressLine({ done: 3, total: undefined }, target, passing!)).to.equal(
      '[3] ✔ ca1-only › no-client-cert (9 ms)',
    );
  });

  it('combines reporters, calling each hook that a reporter has', () => {
    const calls: string[] = [];
    const onlyEnd: RunReporter = { onScenarioEnd: (_target, result) => calls.push(`end ${result.id}`) };
    const onlyStart: RunReporter = {
      onScenarioStart: (_target, scenario) => calls.push(`start ${scenario.id}`),
    };
    replay(combineReporters(onlyEnd, onlyStart, {}));
    expect(calls).to.deep.equal([
      'start no-client-cert',
      'start second-ca-client',
      'end no-client-cert',
      'end second-ca-client',
    ]);
  });
});
