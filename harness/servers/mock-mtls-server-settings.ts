import type { ClientIdentity } from '../pki/client-identity.ts';
import type { MockRevocation } from './check-revoked-chain.ts';
import type { ClientKeyPolicy } from './certificate-policy-problems.ts';
import type { ClientAuthMode } from './client-auth-mode.ts';
import type { EdgeFlaw } from './edge-flaw.ts';
import type { ConnectionRecord } from './connection-record.ts';
import type { CredentialPolicy } from './credential-mode.ts';
import type { Route, RouteHandler } from './http-routes.ts';
import type { RefusalStage } from './refusal-stage.ts';
import type { ServerMisconfiguration } from './server-misconfiguration.ts';
import type { TlsVersion } from './tls-version.ts';
import type { VirtualHost } from './virtual-host.ts';

/** Everything a MockMtlsServer builder collects; defaults are documented on the builder's methods. */
export interface MockMtlsServerSettings {
  identity: ClientIdentity;
  trustPem?: string | undefined;
  acceptableCasPem?: string | undefined;
  clientAuth: ClientAuthMode;
  refusal: RefusalStage;
  allowedSubjects?: readonly string[] | undefined;
  /** withKeyPolicy(): the client keys and signatures accepted; default certificatePolicyProblems'. */
  keyPolicy?: ClientKeyPolicy | undefined;
  minVersion: TlsVersion;
  maxVersion: TlsVersion;
  misconfiguration?: ServerMisconfiguration | undefined;
  host: string;
  port: number;
  routes: readonly Route[];
  handshakeTimeoutMs: number;
  maxBodyBytes: number;
  onWarning: (message: string) => void;
  onConnection?: ((record: ConnectionRecord) => void) | undefined;
  credentials?: CredentialPolicy | undefined;
  /** withBackend(): paths without a route go on to the backend. */
  fallback?: RouteHandler | undefined;
  /** withServerName(): the names of the server's own (mTLS) site when it serves virtual hosts. */
  serverNames: readonly string[];
  /** withVirtualHost(): other sites on the same port, chosen by SNI; none = one site, no SNI routing. */
  virtualHosts: readonly VirtualHost[];
  edgeFlaw?: EdgeFlaw | undefined;
  /** withSessionTicketKeys(): 48 bytes every site's ticket keys are derived from; default random. */
  sessionTicketKeys?: Buffer | undefined;
  /** Per site, set by start(): the session id context and the ticket keys of its secure context. */
  sessionIdContext?: string | undefined;
  ticketKeys?: Buffer | undefined;
  /** withRevocation(): the CRLs the mock checks every chain against; default none. */
  revocation?: MockRevocation | undefined;
}
