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
  /**
   * What the client must refuse here, which decides what counts as its refusal (judge-client-refusal.ts):
   * - `certificate`: ending the handshake after the server's certificate was sent (an alert, a close),
   *   or closing right after the handshake without a request; a handshake that failed before the
   *   certificate was sent (no TLS version in common) proves nothing of the client's checks;
   * - `protocol-version`: the same, or offering no version the server has, so the server finds none in
   *   common (RFC 8446 §4.2.1): the client refused before the certificate.
   * Absent: a server the client is not expected to refuse.
   */
  refuses?: RefusedFlaw;
}

export type RefusedFlaw = 'certificate' | 'protocol-version';

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
