import { whenLetIn } from '../likely-causes.ts';
import type { Scenario } from '../scenario.ts';
import { rejectedDespiteIssuer } from '../trust-rules.ts';

// A client certificate marked CA:TRUE is a CA, not an end entity (RFC 5280 §4.2.1.9); its holder could
// issue certificates that chain to the trusted root. OpenSSL 3.0 has no check for it, even with
// -x509_strict (test/pki-key-matrix.test.ts), so nginx, Apache and HAProxy let it in (badssl #179).
export const caTrueLeaf: Scenario = {
  id: 'ca-true-leaf',
  suite: 'server',
  title: 'Client certificate marked CA:TRUE',
  method: 'probe',
  presents: { kind: 'fixture', fixture: 'ca-true-client', withChain: true },
  derivation: 'rejected, even when trusts includes its issuer (ca1): a client certificate must not be a CA',
  expect: (target, fixtures) =>
    rejectedDespiteIssuer(
      target,
      fixtures,
      'ca-true-client',
      'its basicConstraints say CA:TRUE: it is a CA certificate used as a client (RFC 5280 §4.2.1.9)',
    ),
  likelyCause: whenLetIn(
    'leaves marked CA:TRUE are accepted: OpenSSL-based gateways (nginx, Apache, HAProxy) never check it; refuse them in the application, or with a gateway that does (the mock, Java with a custom checker)',
  ),
};
