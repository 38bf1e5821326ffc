import { pingDockerEngine } from '../../harness/targets/ping-docker-engine.ts';

/** The part of a mocha context the helper uses. */
export interface SkippableContext {
  skip(): void;
}

/**
 * For the `before` hook of a container test: resolves when a Docker engine answers at DOCKER_HOST. When
 * none does, the tests are skipped on a developer's machine, but under CI (`CI` set, as .ci/run and
 * every CI service do) the hook fails: CI starts its own engine, so a missing one is a broken build,
 * not a reason to pass silently.
 */
export async function requireDockerEngine(
  context: SkippableContext,
  env: NodeJS.ProcessEnv = process.env,
): Promise<void> {
  const ping = await pingDockerEngine(env);
  if (ping.answered) return;
  const why = `no Docker engine answered at ${ping.host} (${ping.reason})`;
  if (isCi(env)) {
    throw new Error(
      `${why}, and CI=${env.CI}: container tests must run in CI. Start the engine (scripts/docker-engine.sh).`,
    );
  }
  console.warn(`    skipping container tests: ${why}; CI is not set`);
  context.skip();
}

/** `CI` set to anything but an empty string, `false` or `0`. */
export function isCi(env: NodeJS.ProcessEnv): boolean {
  return env.CI !== undefined && !['', 'false', '0'].includes(env.CI.toLowerCase());
}
