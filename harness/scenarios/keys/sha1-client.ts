import { whenLetIn } from '../likely-causes.ts';
import type { Scenario } from '../scenario.ts';
import { sha1Rule } from './key-scenario-rules.ts';

// SHA-1 is broken for signatures (SHAttered, 2017; RFC 9155 deprecates it in TLS). OpenSSL 3 refuses
// a SHA-1-signed certificate from security level 1 ("CA signature digest algorithm too weak");
// `@SECLEVEL=0` lets it in (OpenSSL #23126).
export const sha1Client: Scenario = {
  id: 'sha1-client',
  suite: 'server',
  title: 'Client certificate signed with SHA-1',
  method: 'probe',
  presents: { kind: 'fixture', fixture: 'sha1-client', withChain: true },
  derivation: 'rejected unless accepts.sha1 is true (default false)',
  expect: (target, fixtures) => sha1Rule(target, fixtures, 'sha1-client'),
  likelyCause: whenLetIn(
    'SHA-1 certificate signatures are accepted: remove @SECLEVEL=0 from the ciphers (OpenSSL 3 refuses SHA-1 from level 1) or add SHA1 to jdk.certpath.disabledAlgorithms',
  ),
};
