import type { Scenario } from './scenario.ts';
import { whenLetIn } from './likely-causes.ts';
import { rejectedDespiteIssuer } from './trust-rules.ts';

// RFC 5280 §6.1.3 (a)(2): a path is valid only if every certificate's validity includes the current time.
export const expiredClientCert: Scenario = {
  id: 'expired-client-cert',
  suite: 'server',
  title: 'Expired client certificate',
  method: 'probe',
  presents: { kind: 'fixture', fixture: 'expired', withChain: true },
  derivation: 'rejected, even when trusts includes its issuer (ca1): its validity has ended',
  expect: (target, fixtures) =>
    rejectedDespiteIssuer(target, fixtures, 'expired', 'its validity ended (RFC 5280 §6.1.3)'),
  likelyCause: whenLetIn(
    'validity dates are not checked: a verify callback that ignores them (X509_V_FLAG_NO_CHECK_TIME, openssl -no_check_time), or a clock far off',
  ),
};
