import { access } from 'node:fs/promises';
import { join } from 'node:path';
import { HarnessError } from '../common/harness-error.ts';
import type { HarnessConfig, TargetConfig } from '../config/config-types.ts';
import { manifestFileName } from '../pki/read-fixture-manifest.ts';

/**
 * A run generates a missing fixture set, which is right for targets it starts from that set (mock,
 * nginx, openssl, container; a client command handed the set's files). An endpoint it does not start
 * was configured beforehand to trust the CAs of one particular set: new CAs would make it refuse every
 * client, and the run would blame the gateway for a typo in --fixtures. So for those, a missing set
 * stops the run (exit 2), naming the folder that was looked for.
 */
export async function requireExistingFixtures(
  dir: string,
  config: Pick<HarnessConfig, 'source'>,
  targets: readonly TargetConfig[],
  fromFlag: boolean,
): Promise<void> {
  const outside = targets.filter(configuredOutside);
  if (outside.length === 0) return;
  const exists = await access(join(dir, manifestFileName)).then(
    () => true,
    () => false,
  );
  if (exists) return;
  const names = outside.map((target) => target.name);
  const which =
    names.length === 1
      ? `target ${names[0]}`
      : `targets ${names.slice(0, 3).join(', ')}${names.length > 3 ? ', …' : ''}`;
  const source = fromFlag
    ? '--fixtures'
    : config.source.kind === 'file'
      ? `fixtures: in ${config.source.file}, resolved against its folder`
      : 'the default ./fixtures';
  throw new HarnessError(
    `No fixture set in ${dir} (from ${source}; no ${manifestFileName} there). ${capitalize(which)} ${names.length === 1 ? 'is an endpoint' : 'are endpoints'} the harness does not start, set up with the certificates of an existing set: a new set would have new CAs and every scenario would fail. Point --fixtures at the set the endpoint trusts, or create one with: mtls-conformance fixtures --out ${dir} (then give the endpoint its trust/ca1.pem).`,
  );
}

// Provider url: a gateway, a token endpoint, or a client the harness waits for (a SaaS platform
// configured with its keystore). A client command is handed the set's files, so a new set suits it.
function configuredOutside(target: TargetConfig): boolean {
  if (target.client !== undefined) return target.client.kind === 'wait';
  return target.provider === 'url';
}

function capitalize(text: string): string {
  return `${text.charAt(0).toUpperCase()}${text.slice(1)}`;
}
