import { access, chmod, copyFile, mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { HarnessError } from '../common/harness-error.ts';
import { APACHE_DEFAULTS, type ApacheTargetOptions } from './apache-target-options.ts';
import { checkBinary } from './check-binary.ts';
import { APACHE_FILE_NAMES, APACHE_HEALTHCHECK_BODY, renderApacheConf } from './render-apache-conf.ts';
import { startProcessTarget } from './start-process-target.ts';
import { SERVER_FIXTURE, type TargetFixtures } from './target-fixtures.ts';
import type { LocalTargetDeclaration, StartedTarget, TargetProvider } from './target-provider.ts';

export interface ApacheProcessTargetParams {
  declaration: LocalTargetDeclaration;
  fixtures: TargetFixtures;
  options?: ApacheTargetOptions;
  /** How long httpd may take to answer TLS. Default 10 000 ms. */
  startupTimeoutMs?: number;
}

/** Prefix of the private directory each httpd runs in: `<tmpdir>/mtlsc-apache-<target>-XXXXXX`. */
export const APACHE_DIR_PREFIX = 'mtlsc-apache-';

// The modules the generated httpd.conf loads; checked before the start, so a missing one is one line.
const MODULE_FILES = ['mod_mpm_event.so', 'mod_authz_core.so', 'mod_ssl.so'];

/**
 * Runs the host's Apache httpd with mod_ssl from a generated, self-contained httpd.conf (no part of
 * /etc/apache2 is read) in a private temporary directory that is its ServerRoot: config, certificates,
 * pid file, logs and the /healthcheck document. httpd runs in the foreground as this process's child.
 * As root its children run as nobody (uid/gid 65534); as any other user httpd runs as that user.
 */
export class ApacheProcessTargetProvider implements TargetProvider {
  readonly kind = 'apache';

  constructor(private readonly params: ApacheProcessTargetParams) {}

  start(): Promise<StartedTarget> {
    const { declaration, fixtures, options = {} } = this.params;
    const binary = options.binary ?? APACHE_DEFAULTS.binary;
    const modulesDir = options.modulesDir ?? APACHE_DEFAULTS.modulesDir;
    const asRoot = process.getuid?.() === 0;
    const installFix = 'Install it (apt-get install apache2) or set apache.binary.';
    return startProcessTarget({
      kind: this.kind,
      declaration,
      program: 'apache2',
      dirPrefix: APACHE_DIR_PREFIX,
      installFix,
      path: '/healthcheck',
      startupTimeoutMs: this.params.startupTimeoutMs ?? 10_000,
      prepare: async (dir) => {
        await checkBinary({ target: declaration.name, program: 'apache2', binary, fix: installFix });
        await checkModules(declaration.name, modulesDir);
        const files = APACHE_FILE_NAMES;
        // As root, the children (nobody) serve htdocs/healthcheck: they may enter the directory and read
        // that one file. The key and certificates stay 0600, read by the root parent before it forks.
        if (asRoot) await chmod(dir, 0o711);
        await mkdir(join(dir, files.documentRoot), { mode: 0o755 });
        await writeFile(join(dir, files.healthcheck), APACHE_HEALTHCHECK_BODY, { mode: 0o644 });
        await copyFile(fixtures.path(SERVER_FIXTURE, 'crt'), join(dir, files.certificate));
        await copyFile(fixtures.path(SERVER_FIXTURE, 'key'), join(dir, files.certificateKey));
        await chmod(join(dir, files.certificateKey), 0o600);
        await writeFile(join(dir, files.clientCertificate), fixtures.trustBundlePem(declaration.trusts));
      },
      launch: async (dir, port) => {
        const configPath = join(dir, APACHE_FILE_NAMES.config);
        const config = renderApacheConf({
          targetName: declaration.name,
          listen: `127.0.0.1:${port}`,
          verifyClient: options.verifyClient ?? APACHE_DEFAULTS.verifyClient,
          verifyDepth: options.verifyDepth ?? APACHE_DEFAULTS.verifyDepth,
          protocols: options.protocols ?? declaration.tlsVersions,
          trusts: declaration.trusts,
          modulesDir,
          ...(asRoot && { runAs: { user: '#65534', group: '#65534' } }),
        });
        await writeFile(configPath, config);
        return {
          binary,
          args: ['-d', dir, '-f', configPath, '-DFOREGROUND'],
          configPath,
          logFiles: [join(dir, APACHE_FILE_NAMES.errorLog)],
        };
      },
    });
  }
}

async function checkModules(target: string, modulesDir: string): Promise<void> {
  for (const file of MODULE_FILES) {
    const path = join(modulesDir, file);
    const found = await access(path).then(
      () => true,
      () => false,
    );
    if (!found) {
      throw new HarnessError(
        `Cannot start target "${target}": no Apache module at ${path}. Install mod_ssl with httpd (apt-get install apache2) or set apache.modulesDir to the folder that holds ${MODULE_FILES.join(', ')}.`,
      );
    }
  }
}
