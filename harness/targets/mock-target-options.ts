import type { ClientAuthMode } from '../servers/client-auth-mode.ts';
import type { RefusalStage } from '../servers/refusal-stage.ts';
import type { ServerMisconfiguration } from '../servers/server-misconfiguration.ts';

/** The `mock:` block of a target: how the built-in MockMtlsServer behaves. */
export interface MockTargetOptions {
  /** `require` (default), `optional` or `none`: whether a client certificate is asked for and insisted on. */
  clientAuth?: ClientAuthMode;
  /** `handshake` (default): refuse at the TLS layer; `http`: answer 400 as nginx does. */
  refusal?: RefusalStage;
  /** `none` (default), or a deliberate fault for self-tests: `accept-any-certificate`, `ignore-validity-dates`. */
  misconfiguration?: 'none' | ServerMisconfiguration;
}

export const MOCK_DEFAULTS = {
  clientAuth: 'require',
  refusal: 'handshake',
  misconfiguration: 'none',
} as const satisfies Required<MockTargetOptions>;
