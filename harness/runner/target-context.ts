import type { ClientIdentity } from '../pki/client-identity.ts';
import type { FixtureSet } from '../pki/fixture-set.ts';
import type { ProbeTimeouts } from '../probe/probe-options.ts';
import type { TargetDeclaration } from '../scenarios/scenario.ts';

/** The identity a target is meant to accept: its own bring-your-own certificate, or fixture tpp1. */
export interface TrustedIdentity {
  identity: ClientIdentity;
  /** Files a person would pass to curl to reproduce a scenario by hand. */
  files: { certFile: string; keyFile: string; chainFile?: string };
  /** The PKCS#12 form, when there is one: the bad-keystore-password scenario opens it. */
  p12?: { file: string; passphrase: string };
}

/** Everything a scenario needs to run against one started target. */
export interface TargetContext {
  declaration: TargetDeclaration;
  fixtures: FixtureSet;
  trustedIdentity: TrustedIdentity;
  /** PEM bundle that must validate the server, from `serverCa`; absent when none was declared. */
  serverTrust?: { pem: string; file: string };
  servername?: string;
  timeouts: Partial<ProbeTimeouts>;
}
