import type { Outcome, Stage, TlsAlert } from './observation.ts';

/** What one stage concluded: the part of an observation that says what happened and why. */
export interface Verdict {
  outcome: Outcome;
  stage: Stage;
  reason: string;
  errorCode?: string;
  alert?: TlsAlert;
  /** The server hung up before sending any TLS data; see Observation. */
  closedBeforeTls?: true;
  /** Set when the probe was cancelled (ProbeOptions.signal) before this stage concluded; see Observation. */
  interrupted?: true;
}
