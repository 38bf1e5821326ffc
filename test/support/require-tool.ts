import { isCi, type SkippableContext } from './docker-available.ts';

/**
 * For tests that need a tool nobody here wrote (keytool, java, nginx): on a developer's machine without
 * it they are skipped with a line saying why; under CI (`CI` set) that is a failure, because .ci/run
 * installs every such tool and a missing one is a broken build, not a reason to pass silently.
 */
export function requireTool(
  context: SkippableContext,
  available: boolean,
  tool: string,
  install: string,
  env: NodeJS.ProcessEnv = process.env,
): void {
  if (available) return;
  const why = `${tool} is not installed (${install})`;
  if (isCi(env)) throw new Error(`${why}, and CI=${env.CI}: these tests must run in CI.`);
  console.warn(`    skipping: ${why}; CI is not set`);
  context.skip();
}
