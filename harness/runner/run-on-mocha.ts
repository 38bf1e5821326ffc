import { expect } from 'chai';
import Mocha from 'mocha';
import addContext from 'mochawesome/addContext.js';
import { runSecrets } from '../common/run-secrets.ts';
import { evidenceContexts } from '../report/evidence-contexts.ts';
import {
  scenarioTestTitle,
  targetErrorMessage,
  targetErrorTestTitle,
  targetSuiteTitle,
} from '../report/mocha-titles.ts';
import type { ScenarioResult, TargetResult } from '../report/run-results.ts';
import type { PlannedScenario, PlannedTarget } from './planned-run.ts';

export interface MochaRunOptions {
  /**
   * Mocha reporter name or constructor; the runner prints its own progress, so default `base` (silent).
   * With a reporter, each test carries its evidence (mochawesome `addContext`) for it to show.
   */
  reporter?: string | Mocha.ReporterConstructor;
  reporterOptions?: Record<string, unknown>;
  /** Called as each scenario's test finishes, in catalogue order. */
  onScenario?: (target: PlannedTarget, result: ScenarioResult) => void;
}

/**
 * Runs planned targets as a Mocha suite: a `describe` per target and an `it` per scenario. The probes
 * were already scheduled on the runner's pool, so each `it` only awaits its own result, attaches the
 * evidence (mochawesome context) and asserts the verdict with chai. Mocha thus reports in a stable
 * order while the network work runs concurrently.
 */
export async function runOnMocha(
  targets: readonly PlannedTarget[],
  options: MochaRunOptions = {},
): Promise<TargetResult[]> {
  const mocha = new Mocha({
    reporter: options.reporter ?? 'base',
    ...(options.reporterOptions ? { reporterOptions: options.reporterOptions } : {}),
    timeout: 0,
  });
  const collected: TargetResult[] = [];
  // Only a reporter reads the evidence attached to Mocha's tests (the CLI's reports are made from the
  // results): without one, building it per scenario would cost CPU and keep a second copy of every
  // observation in memory until the run ends.
  const attachEvidence = options.reporter !== undefined;
  for (const target of targets) {
    const targetResult: TargetResult = {
      name: target.name,
      url: target.url,
      suite: target.suite,
      trusts: target.trusts,
      ...(target.provider !== undefined ? { provider: target.provider } : {}),
      ...(target.serverCa !== undefined ? { serverCa: target.serverCa } : {}),
      ...(target.error !== undefined ? { error: runSecrets.redact(target.error) } : {}),
      ...(target.startMs !== undefined ? { startMs: target.startMs } : {}),
      scenarios: [],
    };
    collected.push(targetResult);
    const describe = Mocha.Suite.create(mocha.suite, targetSuiteTitle(target));
    if (target.error !== undefined) {
      const failure = targetErrorMessage({ ...target, error: target.error });
      describe.addTest(
        new Mocha.Test(targetErrorTestTitle(target), () => {
          expect.fail(failure);
        }),
      );
    }
    for (const planned of target.scenarios) {
      describe.addTest(
        new Mocha.Test(scenarioTestTitle(planned), async function (this: Mocha.Context) {
          const result = await settle(planned, target);
          targetResult.scenarios.push(result);
          options.onScenario?.(target, result);
          if (attachEvidence) {
            for (const context of evidenceContexts(result, targetResult)) addContext(this, context);
          }
          if (result.verdict === 'skip' || result.verdict === 'not-run') this.skip();
          expect(result.verdict, `${planned.id}: ${result.reason}`).to.equal('pass');
        }),
      );
    }
  }
  await new Promise<void>((resolve) => mocha.run(() => resolve()));
  // A Mocha instance keeps process listeners until disposed: a process that runs many (tests, a
  // long-lived library user) would otherwise hit MaxListenersExceededWarning.
  mocha.dispose();
  return collected;
}

// A scenario that never started (the run was interrupted) or whose target did not come up still
// gets a result, so every report accounts for every planned scenario. Every result is recorded here,
// so this is where the run's secrets are taken out of everything it holds (observations, steps, notes
// with a client's output, reasons) before the progress line, the reports or a reporter see it; a
// secret learnt after a probe (an access token) is caught here even if the probe could not know it.
async function settle(planned: PlannedScenario, target: PlannedTarget): Promise<ScenarioResult> {
  const result = await planned.result;
  if (result) return runSecrets.redactDeep(result, isCutText);
  const reason = target.error ? `target did not start: ${target.error}` : 'not run: the run was interrupted';
  return {
    id: planned.id,
    title: planned.title,
    expected: 'informational',
    expectationBasis: 'not evaluated',
    observed: null,
    verdict: target.error ? 'fail' : 'not-run',
    reason,
    durationMs: 0,
  };
}

/** Texts kept only up to a limit: an excerpt, and a body longer than the probe keeps. */
function isCutText(key: string, parent: Record<string, unknown>): boolean {
  return key.endsWith('Excerpt') || (key === 'body' && parent.bodyTruncated === true);
}
