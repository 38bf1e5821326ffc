// The JSON the mochawesome reporter writes and mochawesome-report-generator (marge) renders, as
// mochawesome 8 produces it (src/utils.js cleanTest/cleanSuite, getFinalizedStats). It ships no types.

export interface MochawesomeReport {
  stats: MochawesomeStats;
  /** One root suite (title ''), whose `suites` are the `describe`s. */
  results: MochawesomeSuite[];
  meta: {
    mocha: { version: string };
    mochawesome: { options: Record<string, unknown>; version: string };
    marge: { options: Record<string, unknown>; version: string };
  };
}

export interface MochawesomeStats {
  /** `describe`s that ran, the root not counted. */
  suites: number;
  /** Tests that finished: passes + failures + pending. */
  tests: number;
  passes: number;
  pending: number;
  failures: number;
  start: string;
  end: string;
  duration: number;
  /** Every test, including those that never ran (`skipped`). */
  testsRegistered: number;
  passPercent: number;
  pendingPercent: number;
  /** Failed hooks. */
  other: number;
  hasOther: boolean;
  /** Tests that never ran: a hook failed, or the run stopped. */
  skipped: number;
  hasSkipped: boolean;
}

export interface MochawesomeSuite {
  uuid: string;
  title: string;
  fullFile: string;
  file: string;
  beforeHooks: MochawesomeTest[];
  afterHooks: MochawesomeTest[];
  tests: MochawesomeTest[];
  suites: MochawesomeSuite[];
  /** uuids of the tests in each state. */
  passes: string[];
  failures: string[];
  pending: string[];
  skipped: string[];
  duration: number;
  root: boolean;
  rootEmpty: boolean;
  _timeout: number;
}

export interface MochawesomeTest {
  title: string;
  fullTitle: string;
  timedOut: boolean;
  duration: number;
  /** null for a test that never ran. */
  state: 'passed' | 'failed' | 'pending' | null;
  speed: 'fast' | 'medium' | 'slow' | null;
  pass: boolean;
  fail: boolean;
  pending: boolean;
  /** What addContext attached, as JSON text: one `{title, value}`, or an array of them; null for none. */
  context: string | null;
  code: string;
  err: { message?: string; estack?: string; diff?: string | null };
  uuid: string;
  parentUUID: string;
  isHook: boolean;
  skipped: boolean;
}
