import { whenLetIn } from '../likely-causes.ts';
import { OCSP_CLIENT, ocspFailureRule, ocspNotJudged } from './ocsp-rules.ts';
import type { RevocationScenario } from './revocation-scenario.ts';

// RFC 6960 §2.2: `unknown` means the responder does not know the certificate; it is not `good`.
export const ocspUnknown: RevocationScenario = {
  id: 'ocsp-unknown',
  suite: 'server',
  title: 'Valid client certificate that the OCSP responder answers `unknown`',
  method: 'revocation',
  presents: { kind: 'fixture', fixture: OCSP_CLIENT, withChain: true },
  ocspFault: 'unknown',
  derivation: 'rejected under ocsp: require: `unknown` is no status (RFC 6960 §2.2)',
  notJudged: (revocation) => ocspNotJudged(revocation, ['require']),
  expect: (target) => ocspFailureRule(target, 'the responder answers unknown'),
  likelyCause: whenLetIn(
    'an OCSP `unknown` is taken for `good`: the target accepts a certificate its responder does not know',
  ),
};
