import type { TlsVersion } from '../../servers/tls-version.ts';
import type { Scenario } from '../scenario.ts';

/**
 * The CA every client under test is configured to trust for servers (the `{serverCa}` placeholder):
 * the mock servers of the client suite present certificates issued by it, except where being
 * issued by another CA is the scenario's point.
 */
export const clientSuiteServerCa = 'ca1';

/** The mock server a client scenario starts: what the client under test connects to. */
export interface MockServerSetup {
  /**
   * Fixture whose certificate and key the server presents: `server` (localhost and 127.0.0.1, from
   * ca1), or a certificate wrong in one way only (`rogue-server`, `expired-server`, `other-host-server`).
   */
  identity: string;
  /** The protocol range offered, oldest first. Default: TLS 1.2 to TLS 1.3. */
  tlsVersions?: readonly [TlsVersion, TlsVersion];
  /**
   * Fixture CAs the CertificateRequest names as acceptable (RFC 8446 §4.2.4). Default: the CAs the
   * target declares in `trusts`, which the server also trusts.
   */
  acceptableCas?: readonly string[];
  /**
   * Let in a client that completes the handshake whatever it presents. Default false: only a client
   * certificate chaining to `trusts`. A server the client must refuse admits everyone, so that a
   * client that does not refuse reaches HTTP and shows it, whatever certificate it is configured with.
   */
  admitAnyClient?: boolean;
  /** What is wrong with this server, from the client's side, for reports. Absent: nothing. */
  flaw?: string;
}

/**
 * A scenario of the client suite: the harness is the server and a client under test connects to it.
 * `presents` is always the client's own configured identity (the target's trusted identity), and
 * `method` is `probe`: one connection attempt, made by the client under test instead of the harness.
 * The expectation says what the client must do: `accepted` (present a certificate chaining to `trusts`
 * and send its request), `refused-by-client` (send no request) or `informational`.
 */
export interface ClientScenario extends Scenario {
  suite: 'client';
  method: 'probe';
  presents: { kind: 'trusted-identity' };
  server: MockServerSetup;
}
