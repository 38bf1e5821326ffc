import type { Observation } from '../probe/observation.ts';

/**
 * The results.json contract, version 1. Other tools, baselines and diffs read it: add fields freely,
 * but never rename or remove one without bumping `version`. Documented in docs/results-format.md.
 */
export interface RunResults {
  version: 1;
  tool: { name: 'mtls-conformance'; version: string };
  startedAt: string;
  finishedAt: string;
  /** True when SIGINT/SIGTERM stopped the run; scenarios not started then have verdict `not-run`. */
  interrupted: boolean;
  targets: TargetResult[];
  summary: VerdictCounts;
}

export interface VerdictCounts {
  pass: number;
  fail: number;
  skip: number;
  notRun: number;
}

export type Suite = 'server' | 'client' | 'oauth';

export interface TargetResult {
  name: string;
  url: string;
  suite: Suite;
  /** Fixture CAs the target is declared to trust: the basis of every expectation. */
  trusts: string[];
  /** Set when the target could not be started or reached at all. */
  error?: string;
  /** Time from provider start() to ready, for started targets. */
  startMs?: number;
  scenarios: ScenarioResult[];
}

/** What a scenario expects. `informational` scenarios report without judging. */
export type Expectation = 'accepted' | 'rejected' | 'refused-by-client' | 'informational';

export type Verdict = 'pass' | 'fail' | 'skip' | 'not-run';

export interface ScenarioResult {
  id: string;
  title: string;
  expected: Expectation;
  /** Why that is expected, from the target declaration: `target trusts [ca1]; tpp2 is issued by ca2`. */
  expectationBasis: string;
  /** The deciding observation; null when nothing was sent (skipped, not run, or refused locally). */
  observed: Observation | null;
  /** Further probes of a scenario that makes several (TLS 1.0 and 1.1; wrong then right password). */
  steps?: ScenarioStep[];
  verdict: Verdict;
  /** One line: why this verdict (`expected rejected, observed accepted: HTTP 200`). */
  reason: string;
  /** A command to reproduce by hand (`curl --cert ... URL`), shown for failing scenarios. */
  reproduce?: string;
  durationMs: number;
}

export interface ScenarioStep {
  label: string;
  observation: Observation | null;
  /** For steps decided before any traffic, e.g. a keystore the client could not open. */
  note?: string;
}
