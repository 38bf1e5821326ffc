import { eitherWay, trustedRefusedCause, whenLetIn } from '../likely-causes.ts';
import type { Scenario } from '../scenario.ts';
import { keyTypeSkip } from './allow-list-rules.ts';
import { keyTypeRule } from './key-scenario-rules.ts';

// RFC 8410 keys, TLS signature scheme ed25519 (RFC 8446 §4.2.3); OpenSSL 1.1.1+ and Java 15+ support it.
export const ed25519Client: Scenario = {
  id: 'ed25519-client',
  suite: 'server',
  title: 'Ed25519 client certificate from a trusted CA',
  method: 'probe',
  presents: { kind: 'fixture', fixture: 'ed25519-client', withChain: true },
  derivation: 'accepted if trusts includes ca1 and accepts.keyTypes includes ed25519 (default: it does)',
  expect: (target, fixtures) => keyTypeRule(target, fixtures, 'ed25519-client', 'ed25519'),
  skipFor: keyTypeSkip,
  likelyCause: eitherWay(
    whenLetIn('the target takes Ed25519 keys although accepts.keyTypes leaves ed25519 out'),
    trustedRefusedCause,
  ),
};
