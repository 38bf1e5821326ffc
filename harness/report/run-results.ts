import type { Observation } from '../probe/observation.ts';
import type { ProviderKind } from '../targets/provider-kind.ts';

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
  /** Set by `run --shard i/n`: which part of the run this file holds. Absent for a whole run. */
  shard?: ShardInfo;
}

/**
 * Shard `index` (1-based) of `total`: the targets at positions index-1, index-1+total… of the run's
 * full list of `allTargets`. `report merge` interleaves shards by it to restore config order.
 */
export interface ShardInfo {
  index: number;
  total: number;
  allTargets: number;
}

export interface VerdictCounts {
  pass: number;
  /** Every expectation not met, the undecided ones included. */
  fail: number;
  skip: number;
  notRun: number;
  /** Of `fail`, those the harness could not decide (`undecided` scenarios): shown as `?`, never as a nonconformance. */
  undecided: number;
}

export type Suite = 'server' | 'client' | 'oauth';

export interface TargetResult {
  name: string;
  url: string;
  suite: Suite;
  /** Fixture CAs the target is declared to trust: the basis of every expectation. */
  trusts: string[];
  /** Where the target came from (the config's `provider`); `url`: an endpoint the harness did not start. */
  provider?: ProviderKind;
  /** The declared `serverCa`, a fixture name or a file; absent when the server chain is not judged. */
  serverCa?: string;
  /**
   * Set when the target could not be started, or (provider `url`) reached at all: its one TCP check
   * before the scenarios found nothing accepting connections. Its scenarios are then empty.
   */
  error?: string;
  /** Time from provider start() to ready, for started targets. */
  startMs?: number;
  scenarios: ScenarioResult[];
  /** Days left on the certificates the run saw: the server chain and the trusted client identity. */
  expiry?: ExpiryReport;
}

/** The expiry watch of one target: what `run` saw, counted from `checkedAt`. */
export interface ExpiryReport {
  /** The moment days are counted from: the end of the run. */
  checkedAt: string;
  /** `--warn-expiry-days`, when given: a certificate with fewer days left fails `certificate-expiry`. */
  warnDays?: number;
  /** The server chain (leaf first), then the trusted client identity; each certificate once. */
  certificates: CertificateExpiry[];
}

export interface CertificateExpiry {
  /** `server`: a certificate of the chain the server presented; `client`: the trusted identity presented. */
  role: 'server' | 'client';
  /** For `server`: the position in the chain, 0 for the leaf. */
  position?: number;
  subject: string;
  issuer: string;
  notAfter: string;
  fingerprintSha256: string;
  /** Whole days from `checkedAt` to `notAfter`, rounded down: 0 expires within a day, negative has expired. */
  daysLeft: number;
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
  /**
   * With verdict `fail`: the harness could not decide what the target did (an `error` observation, or a
   * 404/5xx for a client that should be accepted). Still an expectation not met (exit code 1), but the
   * reports show it as `?`, apart from the endpoint's nonconformances. Absent otherwise.
   */
  undecided?: true;
  /** With verdict `fail`: what to check first, in one line (`ssl_verify_client optional?`). */
  likelyCause?: string;
  /** A command to reproduce by hand (`curl --cert ... URL`), shown for failing scenarios. */
  reproduce?: string;
  /** Backend scenarios: what the client sent and what the backend behind the gateway received. */
  backend?: BackendEvidence;
  /** Revocation scenarios: the CRL the target holds and the OCSP answers it was served. */
  revocation?: RevocationEvidence;
  durationMs: number;
}

export interface ScenarioStep {
  label: string;
  observation: Observation | null;
  /** For steps decided before any traffic, e.g. a keystore the client could not open. */
  note?: string;
  /** Backend scenarios with several probes (header-garbage): this probe's exchange with the backend. */
  backend?: BackendEvidence;
}

/**
 * One probe of a backend scenario, end to end: the identity headers the client wrote itself, and the
 * identity headers (with their look-alikes) the application behind the gateway received. Values are
 * shortened for the report; certificates are shown decoded. Other headers the backend received are
 * counted, never shown: a gateway may add secrets of its own.
 */
export interface BackendEvidence {
  /** The value of the request id header the probe carried (`X-Mtlsc-Request-Id`). */
  requestId: string;
  /** The header lines the client forged, in order; values shortened. */
  sent: BackendHeaderEvidence[];
  /**
   * `received`: the backend got the request; `not-received`: it was refused before the backend;
   * `unparsable`: the backend's HTTP parser refused what the gateway forwarded; `unknown`: the harness
   * cannot tell (a backend of yours that did not answer with the echo contract).
   */
  backend: 'received' | 'not-received' | 'unparsable' | 'unknown';
  /** How the harness knows: the recording backend it started, or the echo of a backend of yours. */
  source?: 'recording-backend' | 'echo';
  /** Why, for every state but `received`. */
  note?: string;
  /** The declared identity headers, and names that look like them, as the backend received them. */
  received: BackendHeaderEvidence[];
  /** How many other header lines the backend received (not shown). */
  otherHeaderCount?: number;
}

export interface BackendHeaderEvidence {
  name: string;
  /** The value, shortened to a few hundred characters (`… (7000 bytes)`). */
  value: string;
  /** What it decodes to in the declared format: each certificate's subject and SHA-256. */
  certificates?: { subject?: string; fingerprintSha256: string }[];
  /** Why it decodes to no certificate, when it does not. */
  problem?: string;
}

/** What revocation data a target had when a revocation scenario judged it (harness/report/revocation-evidence-lines.ts). */
export interface RevocationEvidence {
  /** The CRL of the presented certificate's issuer, as the declaration says the target holds it. */
  crl?: {
    /** Fixture file, relative to the set (`crl/ca1.crl.pem`). */
    file: string;
    issuer: string;
    thisUpdate: string;
    nextUpdate: string;
    /** Whether it lists the presented certificate (or, for revoked-intermediate, its intermediate). */
    listsPresented: boolean;
    /** Who holds it: `installed by the harness in <target>'s config` or `declared by the config`. */
    heldBy: string;
  };
  /** The OCSP exchanges the harness's responder had while the probe ran. */
  ocsp?: {
    responder: string;
    /** The fault played for the presented certificate's serial (`none`, `down`, `unknown`…). */
    fault: string;
    exchanges: Array<{
      at: string;
      from: string;
      method: string;
      /** Serials (hex) the gateway asked about. */
      asked: string[];
      responseStatus: string;
      statuses: Array<{ serialNumber: string; issuer: string | null; status: string }>;
      signedBy: string | null;
    }>;
  };
}
