import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FixtureSet } from '../../harness/pki/fixture-set.ts';
import type { BackendDeclaration } from '../../harness/scenarios/backend/backend-declaration.ts';
import { findFreePort } from '../../harness/targets/free-port.ts';
import type { NginxVerifyClient } from '../../harness/targets/nginx-target-options.ts';
import { isSpawnFailure, spawnTargetProcess } from '../../harness/targets/target-process.ts';
import { waitForTls } from '../../harness/targets/wait-for-tls.ts';
import { writeNginxFiles } from '../../harness/targets/write-nginx-files.ts';

/** An nginx the harness did not start: a user's gateway, in front of a user's application. */
export interface OwnGateway extends AsyncDisposable {
  /** `https://127.0.0.1:PORT`. */
  origin: string;
  stop(): Promise<void>;
}

/**
 * Starts nginx with the generated config (the block docs/backend-identity.md tells users to copy)
 * proxying to `upstream`, an application of the test's: the harness sees it only as a `url` target.
 */
export async function startOwnNginxGateway(
  fixtures: FixtureSet,
  upstream: string,
  backend: BackendDeclaration,
  verifyClient: NginxVerifyClient,
): Promise<OwnGateway> {
  const dir = await mkdtemp(join(tmpdir(), 'mtlsc-own-gateway-'));
  const port = await findFreePort();
  const declaration = {
    name: 'own-gateway',
    trusts: ['ca1'],
    rejectAt: 'any' as const,
    tlsVersions: ['TLSv1.2' as const, 'TLSv1.3' as const],
  };
  const files = await writeNginxFiles({
    dir,
    declaration,
    fixtures,
    options: { verifyClient },
    listen: `127.0.0.1:${port}`,
    proxy: { upstream, backend },
  });
  const nginx = await spawnTargetProcess('/usr/sbin/nginx', [
    '-p',
    `${dir}/`,
    '-c',
    files.config,
    '-g',
    'daemon off;',
  ]);
  if (isSpawnFailure(nginx)) throw new Error(`nginx did not start: ${nginx.code}`);
  const stop = async () => {
    await nginx.stop();
    await rm(dir, { recursive: true, force: true });
  };
  await waitForTls({ port, timeoutMs: 10_000 }).catch(async (error: unknown) => {
    await stop();
    throw error;
  });
  return { origin: `https://127.0.0.1:${port}`, stop, [Symbol.asyncDispose]: stop };
}
