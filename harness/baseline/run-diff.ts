import type { Outcome, Stage } from '../probe/observation.ts';
import type { Expectation, Verdict } from '../report/run-results.ts';
import type { DiffCategory } from './diff-category.ts';

/**
 * diff.json, version 1: what changed between a baseline run and the current one. Documented in
 * docs/diff-format.md. As with results.json, fields may be added; never renamed or removed without a
 * new `version`.
 */
export interface RunDiff {
  version: 1;
  tool: { name: 'mtls-conformance'; version: string };
  baseline: RunReference;
  current: RunReference;
  /** The categories that fail the gate (`--fail-on`), and whether a difference is in one of them. */
  gate: { failOn: DiffCategory[]; failed: boolean };
  /** Differences per category; every category is present, 0 when it has none. */
  counts: Record<DiffCategory, number>;
  /** Scenarios in both runs, of targets in both runs, with no difference at all. */
  unchanged: number;
  /** By target (the current run's order, then removed targets), then scenario, then category. */
  differences: Difference[];
}

/** Which run one side of the comparison is. */
export interface RunReference {
  /** The results.json it was read from; absent for the run just made. */
  file?: string;
  startedAt: string;
  finishedAt: string;
  toolVersion: string;
  interrupted: boolean;
}

export interface Difference {
  category: DiffCategory;
  /** The target's name: targets are matched by name, so a new URL or port is not a difference. */
  target: string;
  /** The scenario; absent for target-added, target-removed and server-chain-changed (target-wide). */
  scenario?: { id: string; title: string };
  /** One line for people: `was accepted (HTTP 200), now rejected at http: ...`. */
  summary: string;
  /** The step of a multi-step scenario the change was seen in (`TLSv1.1`, `right password`). */
  step?: string;
  /** The facts that moved: for rejection-changed and server-chain-changed. */
  changes?: FieldChange[];
  /** The scenario in the baseline; absent when it was not there. */
  before?: ScenarioSnapshot;
  /** The scenario in the current run; absent when it is not there. */
  after?: ScenarioSnapshot;
  /** True when `category` is in `gate.failOn`. */
  failsGate: boolean;
}

/** A scenario as one run saw it, reduced to what a diff compares. */
export interface ScenarioSnapshot {
  expected: Expectation;
  verdict: Verdict;
  /** The deciding observation; absent when nothing was sent (skipped, not run, refused locally). */
  outcome?: Outcome;
  stage?: Stage;
  /** `116 certificate_required`. */
  alert?: string;
  httpStatus?: number;
  /** The observation's reason, or the verdict's when nothing was observed. */
  reason: string;
}

export interface FieldChange {
  field: ChangedField;
  /** null when the fact was absent on that side (no alert, no HTTP response). */
  before: string | null;
  after: string | null;
}

export type ChangedField =
  | 'outcome'
  | 'stage'
  | 'alert'
  | 'http-status'
  | 'reason'
  | 'leaf-fingerprint'
  | 'leaf-issuer'
  | 'leaf-not-after'
  | 'chain';
