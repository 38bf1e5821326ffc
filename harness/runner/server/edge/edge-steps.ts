import type { Observation } from '../../../probe/observation.ts';
import type { ScenarioStep } from '../../../report/run-results.ts';
import type { Judgement } from '../../judgement.ts';

/** What an edge scenario carried out: its steps, the deciding observation, the verdict, a command. */
export interface EdgeOutcome {
  observed: Observation | null;
  steps?: ScenarioStep[];
  judgement: Judgement;
  reproduce?: string;
}

/**
 * The steps of an edge scenario, each judged on its own: `fail` (the path got in), `pass` (refused),
 * or `skip` (nothing to judge: no session offered, a TLS version not offered). The scenario fails when
 * a step does, passes when at least one step was judged, and is skipped, never passed, when none was.
 */
export class EdgeSteps {
  readonly #steps: ScenarioStep[] = [];
  readonly #failures: string[] = [];
  readonly #passes: string[] = [];
  readonly #skips: string[] = [];
  #deciding: Observation | null = null;
  #reproduce: string | undefined;

  pass(label: string, observation: Observation | null, why: string): void {
    this.#add(label, observation, why);
    this.#passes.push(why);
    if (this.#failures.length === 0 && observation) this.#deciding = observation;
  }

  fail(label: string, observation: Observation | null, why: string, reproduce?: string): void {
    this.#add(label, observation, why);
    if (this.#failures.length === 0) {
      this.#deciding = observation;
      this.#reproduce = reproduce;
    }
    this.#failures.push(`${label}: ${why}`);
  }

  skip(label: string, observation: Observation | null, why: string): void {
    this.#add(label, observation, why);
    this.#skips.push(`${label}: ${why}`);
    if (this.#deciding === null && observation) this.#deciding = observation;
  }

  /** A step that is evidence only (a session recorded for the next run): it changes no verdict. */
  note(label: string, observation: Observation | null, note: string): void {
    this.#add(label, observation, note);
  }

  /** `skipped` is the reason when no step was judged (`no session offered`). */
  outcome(summary: { passed: string; skipped: string }): EdgeOutcome {
    const judgement: Judgement =
      this.#failures.length > 0
        ? { verdict: 'fail', reason: this.#failures.join('; ') }
        : this.#passes.length > 0
          ? { verdict: 'pass', reason: `${summary.passed}: ${unique(this.#passes).join('; ')}` }
          : { verdict: 'skip', reason: `${summary.skipped}: ${unique(this.#skips).join('; ')}` };
    return {
      observed: this.#deciding,
      steps: this.#steps,
      judgement,
      ...(this.#reproduce === undefined ? {} : { reproduce: this.#reproduce }),
    };
  }

  #add(label: string, observation: Observation | null, note: string): void {
    this.#steps.push({ label, observation, note });
  }
}

/** Skipped before any probe: the declaration lacks what the scenario needs. */
export function skippedEdge(reason: string): EdgeOutcome {
  return { observed: null, judgement: { verdict: 'skip', reason } };
}

function unique(lines: readonly string[]): string[] {
  return [...new Set(lines)];
}
