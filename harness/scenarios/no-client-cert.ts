import type { Scenario } from './scenario.ts';
import { noCertificateCause } from './likely-causes.ts';
import { describeTrust } from './trust-rules.ts';

/** The seed's first check: `curl URL` without `--cert` must get "400 with a SSL certificate error". */
export const noClientCert: Scenario = {
  id: 'no-client-cert',
  suite: 'server',
  title: 'No client certificate',
  method: 'probe',
  presents: { kind: 'nothing' },
  derivation: 'rejected, whatever the target trusts',
  expect: (target) => ({
    expected: 'rejected',
    because: `no certificate is presented; an mTLS endpoint refuses it whatever it trusts (${describeTrust(target)})`,
  }),
  likelyCause: noCertificateCause,
};
