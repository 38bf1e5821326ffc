import { eitherWay, whenLetIn } from '../likely-causes.ts';
import { OCSP_CLIENT, ocspFailureRule, ocspNotJudged } from './ocsp-rules.ts';
import type { RevocationScenario } from './revocation-scenario.ts';

export const ocspResponderDown: RevocationScenario = {
  id: 'ocsp-responder-down',
  suite: 'server',
  title: 'Valid client certificate while the OCSP responder is down',
  method: 'revocation',
  presents: { kind: 'fixture', fixture: OCSP_CLIENT, withChain: true },
  ocspFault: 'down',
  derivation:
    'rejected under ocsp: require (fail closed), accepted under soft-fail; the responder resets the connection',
  notJudged: (revocation) => ocspNotJudged(revocation, ['require', 'soft-fail']),
  expect: (target) => ocspFailureRule(target, 'the OCSP responder resets every connection for it'),
  likelyCause: eitherWay(
    whenLetIn(
      'OCSP fails open: the target lets a client in when its responder cannot be reached (soft-fail), while it declares ocsp: require',
    ),
    ({ expected, observed }) =>
      expected === 'accepted' && observed.outcome === 'rejected'
        ? 'the target fails closed when its OCSP responder is down (nginx ssl_ocsp always does): declare ocsp: require'
        : undefined,
  ),
};
