import { createHash } from 'node:crypto';
import { fixtureFormatVersion } from './fixture-manifest.ts';
import type { ResolvedFixtureSpec } from './validate-fixture-spec.ts';

/**
 * The cache key of a fixture set: SHA-256 over the resolved spec (defaults applied, attribute names
 * canonical, so equivalent specs share a set) and the generator's format version.
 */
export function hashFixtureSpec(spec: ResolvedFixtureSpec): string {
  const canonical = JSON.stringify({ formatVersion: fixtureFormatVersion, spec });
  return createHash('sha256').update(canonical).digest('hex');
}
