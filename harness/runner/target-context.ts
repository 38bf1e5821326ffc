import type { ClientIdentity } from '../pki/client-identity.ts';
import type { FixtureSet } from '../pki/fixture-set.ts';
import type { KeystoreIdentitySource } from '../pki/open-keystore-identity.ts';
import type { ProbeExecutor } from '../probe/probe-executor.ts';
import type { ProbeTimeouts } from '../probe/probe-options.ts';
import type { TargetDeclaration } from '../scenarios/scenario.ts';
import type { GatewayBackend, TargetOcspResponder } from '../targets/target-provider.ts';
import type { ClientUnderTest } from './client/client-under-test.ts';
import type { IdentityFiles } from './identity-files.ts';
import type { TargetCredentials } from './target-credentials.ts';
import type { IdentityLoader } from './identity-loader.ts';
import type { TargetSessionJournal } from './session-journal.ts';

/** The identity a target is meant to accept: its own bring-your-own certificate, or fixture tpp1. */
export interface TrustedIdentity {
  identity: ClientIdentity;
  /** Files a person would pass to curl to reproduce a scenario by hand. */
  files: IdentityFiles;
  /** The PKCS#12 form, when there is one: the bad-keystore-password scenario opens it. */
  p12?: { file: string; passphrase: string };
  /** The Java keystore it came from (JKS, or PKCS#12 by content): bad-keystore-password opens it. */
  keystore?: KeystoreIdentitySource;
}

/** Everything a scenario needs to run against one started target. */
export interface TargetContext {
  declaration: TargetDeclaration;
  fixtures: FixtureSet;
  trustedIdentity: TrustedIdentity;
  /**
   * PEM bundle that must validate the server, from `serverCa`; absent when none was declared. `format`
   * says what `file` is when it is a Java truststore (JKS, PKCS#12), which curl's --cacert cannot take.
   */
  serverTrust?: { pem: string; file: string; format?: 'PEM' | 'JKS' | 'PKCS#12' };
  servername?: string;
  timeouts: Partial<ProbeTimeouts>;
  /** Opens keystores (bad-keystore-password); one per run, shared by its targets. Default: loadIdentity. */
  identityLoader?: IdentityLoader;
  /** For the client suite: the client under test, from a `suite: client` target's `client:` block. */
  clientUnderTest?: ClientUnderTest;
  /** The HTTP credentials of a target that declares `auth:` (the auth-* scenarios send them). */
  credentials?: TargetCredentials;
  /**
   * The recording backend behind a gateway the harness started for a target with `backend:`: the
   * backend scenarios look up what it received. Absent for a gateway of yours, whose backend answers
   * with the echo contract instead.
   */
  backend?: GatewayBackend;
  /**
   * Aborted when the run is interrupted: a probe in flight is cancelled (its scenario is `not-run`), a
   * scenario waiting on a client process or a person stops early.
   */
  signal?: AbortSignal;
  /**
   * TLS sessions kept across runs for resumed-after-trust-change: the baseline run's, and this run's
   * to be written beside its results. Absent: nothing is kept, and that scenario is skipped.
   */
  sessions?: TargetSessionJournal;
  /** The harness's OCSP responder behind a target it started that declares `revocation.ocsp`. */
  ocsp?: TargetOcspResponder;
  /**
   * Carries out the scenarios' probes: the run's ProbeWorkerPool (`--workers`). Default: probeTarget
   * in the run's thread (probeOf).
   */
  probe?: ProbeExecutor;
}
