import type { Scenario } from './scenario.ts';
import { whenLetIn } from './likely-causes.ts';
import { rejectedDespiteIssuer } from './trust-rules.ts';

// RFC 5280 §4.2.1.12: a certificate whose extendedKeyUsage lacks clientAuth is not for TLS client
// authentication; OpenSSL-based servers (nginx) check the purpose `sslclient` and refuse it.
export const wrongEku: Scenario = {
  id: 'wrong-eku',
  suite: 'server',
  title: 'Client certificate without the clientAuth extended key usage',
  method: 'probe',
  presents: { kind: 'fixture', fixture: 'wrong-eku', withChain: true },
  derivation: 'rejected, even when trusts includes its issuer (ca1): its EKU is serverAuth only',
  expect: (target, fixtures) =>
    rejectedDespiteIssuer(
      target,
      fixtures,
      'wrong-eku',
      'its extended key usage is serverAuth only, without clientAuth (RFC 5280 §4.2.1.12)',
    ),
  likelyCause: whenLetIn(
    'the extended key usage is not checked: a client certificate must allow clientAuth (OpenSSL checks it as purpose sslclient; Java as the KeyUsage checker)',
  ),
};
