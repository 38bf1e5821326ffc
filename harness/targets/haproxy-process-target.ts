import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { HAPROXY_DEFAULTS, type HaproxyTargetOptions } from './haproxy-target-options.ts';
import { HAPROXY_FILE_NAMES, renderHaproxyCfg } from './render-haproxy-cfg.ts';
import { startProcessTarget } from './start-process-target.ts';
import { SERVER_FIXTURE, type TargetFixtures } from './target-fixtures.ts';
import type { LocalTargetDeclaration, StartedTarget, TargetProvider } from './target-provider.ts';

export interface HaproxyProcessTargetParams {
  declaration: LocalTargetDeclaration;
  fixtures: TargetFixtures;
  options?: HaproxyTargetOptions;
  /** How long haproxy may take to answer TLS. Default 10 000 ms. */
  startupTimeoutMs?: number;
}

/** Prefix of the private directory each haproxy runs in: `<tmpdir>/mtlsc-haproxy-<target>-XXXXXX`. */
export const HAPROXY_DIR_PREFIX = 'mtlsc-haproxy-';

/**
 * Runs the host's HAProxy with a generated haproxy.cfg from a private temporary directory (its working
 * directory: the config names its files relative to it). haproxy runs in the foreground (`-db`) as this
 * process's child; the frontend answers /healthcheck itself, so there is no backend to start.
 */
export class HaproxyProcessTargetProvider implements TargetProvider {
  readonly kind = 'haproxy';

  constructor(private readonly params: HaproxyProcessTargetParams) {}

  start(): Promise<StartedTarget> {
    const { declaration, fixtures, options = {} } = this.params;
    const files = HAPROXY_FILE_NAMES;
    return startProcessTarget({
      kind: this.kind,
      declaration,
      program: 'haproxy',
      dirPrefix: HAPROXY_DIR_PREFIX,
      installFix: 'Install it (apt-get install haproxy) or set haproxy.binary.',
      path: '/healthcheck',
      startupTimeoutMs: this.params.startupTimeoutMs ?? 10_000,
      prepare: async (dir) => {
        const [certificate, key] = await Promise.all([
          readFile(fixtures.path(SERVER_FIXTURE, 'crt'), 'utf8'),
          readFile(fixtures.path(SERVER_FIXTURE, 'key'), 'utf8'),
        ]);
        await writeFile(join(dir, files.certificateAndKey), `${certificate.trimEnd()}\n${key}`, {
          mode: 0o600,
        });
        await writeFile(join(dir, files.clientCertificate), fixtures.trustBundlePem(declaration.trusts));
      },
      launch: async (dir, port) => {
        const configPath = join(dir, files.config);
        const config = renderHaproxyCfg({
          targetName: declaration.name,
          listen: `127.0.0.1:${port}`,
          verify: options.verify ?? HAPROXY_DEFAULTS.verify,
          ...(options.crtIgnoreErr !== undefined && { crtIgnoreErr: options.crtIgnoreErr }),
          ...(options.caIgnoreErr !== undefined && { caIgnoreErr: options.caIgnoreErr }),
          protocols: options.protocols ?? declaration.tlsVersions,
          trusts: declaration.trusts,
        });
        await writeFile(configPath, config);
        return {
          binary: options.binary ?? HAPROXY_DEFAULTS.binary,
          args: ['-f', configPath, '-db'],
          cwd: dir,
          configPath,
        };
      },
    });
  }
}
