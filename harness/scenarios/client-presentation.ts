/** What the client side of a scenario presents. */
export type ClientPresentation =
  | { kind: 'nothing' }
  /** A fixture identity; `withChain: false` leaves out the intermediates (the missing-intermediate case). */
  | { kind: 'fixture'; fixture: string; withChain: boolean }
  /** The target's trusted identity: its own bring-your-own certificate if it names one, else `tpp1`. */
  | { kind: 'trusted-identity' };
