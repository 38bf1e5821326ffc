import type { FixtureSet } from '../pki/fixture-set.ts';

/** What a provider needs from a fixture set: its folder, the server's certificate and key, CA bundles. */
export type TargetFixtures = Pick<FixtureSet, 'dir' | 'path' | 'trustBundlePem'>;

/** The fixture a started target presents as its server certificate (CN localhost, IP 127.0.0.1, by ca1). */
export const SERVER_FIXTURE = 'server';
