import type { Stage } from './observation.ts';
import type { Verdict } from './verdict.ts';

const during: Record<Stage, string> = {
  tcp: 'before the TCP connection was made',
  'tls-handshake': 'during the TLS handshake',
  'after-handshake': "while waiting for the server's verdict after the handshake",
  http: 'while waiting for the HTTP response',
};

/**
 * The verdict of a probe cancelled through ProbeOptions.signal at `stage`: an `error` marked
 * `interrupted`, never `accepted` or `rejected`, since the server's answer was not awaited.
 */
export function interruptedVerdict(stage: Stage): Verdict {
  return {
    outcome: 'error',
    stage,
    reason: `interrupted ${during[stage]}: the probe was cancelled, nothing is concluded about the server`,
    interrupted: true,
  };
}
