import { whenLetIn } from '../likely-causes.ts';
import type { Scenario } from '../scenario.ts';
import { weakRsaRule } from './key-scenario-rules.ts';

// RSA-1024 gives ~80 bits of security (NIST SP 800-57): OpenSSL 3 refuses it from security level 2
// ("EE certificate key too weak"), but level 1, `@SECLEVEL=0` ciphers or a Java with a relaxed
// jdk.certpath.disabledAlgorithms let it in (OpenSSL #12134).
export const weakRsaClient: Scenario = {
  id: 'weak-rsa-client',
  suite: 'server',
  title: 'Client certificate with an RSA-1024 key',
  method: 'probe',
  presents: { kind: 'fixture', fixture: 'weak-rsa-client', withChain: true },
  derivation: 'rejected unless accepts.minRsaBits is 1024 or less (default 2048)',
  expect: (target, fixtures) => weakRsaRule(target, fixtures, 'weak-rsa-client'),
  likelyCause: whenLetIn(
    'RSA keys under 2048 bits are accepted: raise the security level (OpenSSL: @SECLEVEL=2 in the ciphers, not 0 or 1; Java: jdk.certpath.disabledAlgorithms RSA keySize < 2048)',
  ),
};
