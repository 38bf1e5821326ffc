import type { Scenario } from './scenario.ts';
import { trustedIdentityRule } from './trust-rules.ts';

/**
 * The error users meet first with PKCS#12 files (OpenSSL reports only `mac verify failure`): the client
 * side must refuse the wrong password with a keystore error and send nothing; the right one must work.
 */
export const badKeystorePassword: Scenario = {
  id: 'bad-keystore-password',
  suite: 'server',
  title: 'Keystore opened with a wrong password, then the right one',
  method: 'keystore-password',
  presents: { kind: 'trusted-identity' },
  derivation: 'refused by the client with a keystore error; then, with the right password, as trusted-client',
  expect: (target, fixtures) => ({
    expected: 'refused-by-client',
    because: 'a wrong password must not open the keystore: the client refuses and sends nothing',
    followUp: trustedIdentityRule(target, fixtures),
  }),
};
