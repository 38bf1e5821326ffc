import { whenLetIn } from '../likely-causes.ts';
import { OCSP_CLIENT, ocspFailureRule, ocspNotJudged } from './ocsp-rules.ts';
import type { RevocationScenario } from './revocation-scenario.ts';

// RFC 6960 §4.2.2.2: a response is signed by the CA or by a responder the CA delegated to with
// id-kp-OCSPSigning; anything else must be rejected, or anyone with a key can vouch for a certificate.
export const ocspUnauthorizedResponder: RevocationScenario = {
  id: 'ocsp-unauthorized-responder',
  suite: 'server',
  title: 'OCSP answer signed by a key the CA never authorised',
  method: 'revocation',
  presents: { kind: 'fixture', fixture: OCSP_CLIENT, withChain: true },
  ocspFault: 'unauthorized-signer',
  derivation:
    "rejected under ocsp: require: the answer is signed by tpp1's key, which has no id-kp-OCSPSigning (RFC 6960 §4.2.2.2)",
  notJudged: (revocation) => ocspNotJudged(revocation, ['require']),
  expect: (target) =>
    ocspFailureRule(target, "the answer is signed by tpp1's key, not by ca1 nor a responder it delegated to"),
  likelyCause: whenLetIn(
    "the OCSP response's signer is not checked: any key can vouch for a certificate (RFC 6960 §4.2.2.2)",
  ),
};
