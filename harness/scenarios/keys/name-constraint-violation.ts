import { whenLetIn } from '../likely-causes.ts';
import type { Scenario } from '../scenario.ts';
import { rejectedDespiteIssuer } from '../trust-rules.ts';

// RFC 5280 §4.2.1.10: names outside a CA's permitted subtrees are invalid for every certificate below
// it. constrained-ca (from ca1) permits .demo.axway.com; its leaf names tpp9.evil.test. OpenSSL says
// "permitted subtree violation" (X509_V_ERR_PERMITTED_VIOLATION).
export const nameConstraintViolation: Scenario = {
  id: 'name-constraint-violation',
  suite: 'server',
  title: 'Client certificate outside its intermediate CA’s name constraints',
  method: 'probe',
  presents: { kind: 'fixture', fixture: 'constraint-violating-client', withChain: true },
  derivation:
    'rejected, even when trusts includes ca1: its SAN is outside constrained-ca’s permitted subtree',
  expect: (target, fixtures) =>
    rejectedDespiteIssuer(
      target,
      fixtures,
      'constraint-violating-client',
      'its SAN tpp9.evil.test is outside the permitted subtree .demo.axway.com of constrained-ca (RFC 5280 §4.2.1.10)',
    ),
  likelyCause: whenLetIn(
    'name constraints of intermediate CAs are not enforced: the chain is verified without them (a custom verifier, or a library that skips RFC 5280 §4.2.1.10)',
  ),
};
