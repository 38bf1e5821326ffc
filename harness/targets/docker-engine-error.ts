import { HarnessError } from '../common/harness-error.ts';
import { pingDockerEngine } from './ping-docker-engine.ts';

/**
 * The one line for "testcontainers found no engine". testcontainers says only `Could not find a working
 * container runtime strategy` (its reasons go to DEBUG=testcontainers*), so ask the engine ourselves.
 */
export async function dockerEngineError(target: string, cause: unknown): Promise<HarnessError> {
  const ping = await pingDockerEngine();
  const unset = !process.env.DOCKER_HOST;
  const where = unset ? ping.host : `DOCKER_HOST=${ping.host}`;
  if (!ping.answered) {
    const why = unset ? `DOCKER_HOST is unset; ${ping.reason}` : ping.reason;
    return new HarnessError(
      `Cannot start container target "${target}": no Docker engine answered at ${where} (${why}). Start one (see scripts/docker-engine.sh) or set DOCKER_HOST.`,
      { cause },
    );
  }
  // The engine is up but testcontainers would not use it: without a bridge network it needs to be told
  // the host (shared/recipes/local-docker-engine.md).
  return new HarnessError(
    `Cannot start container target "${target}": the Docker engine at ${where} answers, but testcontainers could not use it (${String((cause as Error).message ?? cause)}). Set TESTCONTAINERS_HOST_OVERRIDE=127.0.0.1 and TESTCONTAINERS_RYUK_DISABLED=true, or run with DEBUG=testcontainers* for its reasons.`,
    { cause },
  );
}
