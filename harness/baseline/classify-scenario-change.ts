import type { Observation } from '../probe/observation.ts';
import type { ScenarioResult } from '../report/run-results.ts';
import type { DiffCategory } from './diff-category.ts';
import type { FieldChange } from './run-diff.ts';
import { describeAlert, describeObservation } from './scenario-snapshot.ts';

/** One classified change of a scenario present in both runs. */
export interface ScenarioChange {
  category: Extract<
    DiffCategory,
    'newly-accepted' | 'newly-rejected' | 'rejection-changed' | 'verdict-changed'
  >;
  summary: string;
  /** The step it was seen in, for scenarios of several probes. */
  step?: string;
  changes?: FieldChange[];
}

/** Text that differs between runs without meaning anything, such as the port a started target got. */
export type ReasonNormalizer = (reason: string, side: 'before' | 'after') => string;

/**
 * What changed in one scenario between the baseline and now, decided on what the server did, not on
 * the verdict: a verdict also moves when the declaration does. Compared are the deciding observation
 * and each step present in both runs (TLS 1.0 and 1.1 of tls-legacy-versions), so a step that starts
 * letting a client in is caught even when another step decides the verdict.
 *
 * - accepted now, rejected or error before → newly-accepted;
 * - accepted before, rejected or error now → newly-rejected (an unreachable target is an outage too);
 * - neither accepted, but outcome, stage, alert, HTTP status or reason moved → rejection-changed;
 * - none of those, but the verdict moved (a skip, an interrupted run, another expectation) → verdict-changed.
 */
export function classifyScenarioChange(
  before: ScenarioResult,
  after: ScenarioResult,
  normalize: ReasonNormalizer = (reason) => reason,
): ScenarioChange[] {
  const found = new Map<ScenarioChange['category'], ScenarioChange>();
  for (const pair of comparablePairs(before, after)) {
    const change = classifyPair(pair, normalize);
    if (change && !found.has(change.category)) found.set(change.category, change);
  }
  if (found.size > 0) return [...found.values()];
  if (before.verdict !== after.verdict) {
    return [
      {
        category: 'verdict-changed',
        summary: `verdict ${before.verdict} → ${after.verdict}: ${after.reason}`,
      },
    ];
  }
  return [];
}

interface ObservationPair {
  /** The step label; absent for the deciding observation. */
  step?: string;
  before: Observation;
  after: Observation;
}

// Steps first, so a change is reported with the step it happened in; the deciding observation is one
// of the steps for scenarios that have them, and the only pair for those that do not.
function comparablePairs(before: ScenarioResult, after: ScenarioResult): ObservationPair[] {
  const pairs: ObservationPair[] = [];
  for (const step of after.steps ?? []) {
    const earlier = before.steps?.find((candidate) => candidate.label === step.label);
    if (earlier?.observation && step.observation) {
      pairs.push({ step: step.label, before: earlier.observation, after: step.observation });
    }
  }
  if (before.observed && after.observed) pairs.push({ before: before.observed, after: after.observed });
  return pairs;
}

function classifyPair(pair: ObservationPair, normalize: ReasonNormalizer): ScenarioChange | undefined {
  const { before, after } = pair;
  const prefix = pair.step === undefined ? '' : `${pair.step}: `;
  const summary = `${prefix}was ${describeObservation(before)}; now ${describeObservation(after)}`;
  const step = pair.step === undefined ? {} : { step: pair.step };
  if (after.outcome === 'accepted' && before.outcome !== 'accepted') {
    return { category: 'newly-accepted', summary, ...step };
  }
  if (before.outcome === 'accepted' && after.outcome !== 'accepted') {
    return { category: 'newly-rejected', summary, ...step };
  }
  if (before.outcome === 'accepted') return undefined;
  const changes = refusalChanges(before, after, normalize);
  if (changes.length === 0) return undefined;
  return { category: 'rejection-changed', summary, ...step, changes };
}

function refusalChanges(before: Observation, after: Observation, normalize: ReasonNormalizer): FieldChange[] {
  const facts: [FieldChange['field'], string | null, string | null][] = [
    ['outcome', before.outcome, after.outcome],
    ['stage', before.stage, after.stage],
    ['alert', describeAlert(before), describeAlert(after)],
    ['http-status', statusOf(before), statusOf(after)],
    ['reason', normalize(before.reason, 'before'), normalize(after.reason, 'after')],
  ];
  return facts
    .filter(([, was, now]) => was !== now)
    .map(([field, was, now]) => ({
      field,
      // The reason as the run wrote it; it was normalised only to decide whether it changed.
      before: field === 'reason' ? before.reason : was,
      after: field === 'reason' ? after.reason : now,
    }));
}

function statusOf(observation: Observation): string | null {
  return observation.http ? String(observation.http.status) : null;
}
