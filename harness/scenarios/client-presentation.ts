/** What the client side of a scenario presents. */
export type ClientPresentation =
  | { kind: 'nothing' }
  /** A fixture identity; `withChain: false` leaves out the intermediates (the missing-intermediate case). */
  | { kind: 'fixture'; fixture: string; withChain: boolean }
  /** The target's trusted identity: its own bring-your-own certificate if it names one, else `tpp1`. */
  | { kind: 'trusted-identity' }
  /**
   * A client the target is declared to accept: its own identity if it names one, else the first of
   * tpp1, tpp2 whose CA it trusts (acceptedClientFixture), else tpp1. For scenarios that test something
   * other than trust, so that a trust refusal cannot pass for what they test.
   */
  | { kind: 'accepted-identity' };
