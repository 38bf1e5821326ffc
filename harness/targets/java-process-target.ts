import { randomBytes } from 'node:crypto';
import { chmod, copyFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { runSecrets } from '../common/run-secrets.ts';
import { compileJsseServer, JSSE_SERVER_CLASS } from './compile-jsse-server.ts';
import { findJdk, type Jdk } from './find-jdk.ts';
import { JAVA_DEFAULTS, type JavaStoreType, type JavaTargetOptions } from './java-target-options.ts';
import { JSSE_LEGACY_SECURITY_FILE, renderJsseLegacySecurity } from './jsse-legacy-security.ts';
import { hasLegacyVersion } from './legacy-tls.ts';
import { jsseStoreFiles, makeJsseStores } from './make-jsse-stores.ts';
import {
  JSSE_PASSWORD_VARIABLES,
  JSSE_SETTINGS_FILE,
  renderJsseServerProperties,
} from './render-jsse-server-properties.ts';
import { startProcessTarget } from './start-process-target.ts';
import type { TargetFixtures } from './target-fixtures.ts';
import type { LocalTargetDeclaration, StartedTarget, TargetProvider } from './target-provider.ts';

export interface JavaProcessTargetParams {
  declaration: LocalTargetDeclaration;
  fixtures: TargetFixtures;
  options?: JavaTargetOptions;
  /**
   * Keystore files to run with instead of making them from the fixtures: a `fixtures --jks` set's
   * server.jks and trust/NAME.jks, or a team's own. Both are opened with `password`; their format is
   * `options.storeType`. The declaration's `trusts` then only names the CAs in comments.
   */
  stores?: { keystore: string; truststore: string; password: string };
  /** How long the JVM may take to answer TLS once its stores are made. Default 30 000 ms. */
  startupTimeoutMs?: number;
}

/** Prefix of the private directory of each JSSE server: `<tmpdir>/mtlsc-java-<target>-XXXXXX`. */
export const JAVA_DIR_PREFIX = 'mtlsc-java-';

// A small, short-lived server: C1 only and the serial collector start the JVM fastest on 2 cores;
// IgnoreUnrecognizedVMOptions lets a JVM without them (OpenJ9) run anyway.
const JVM_FLAGS = ['-XX:+IgnoreUnrecognizedVMOptions', '-XX:TieredStopAtLevel=1', '-XX:+UseSerialGC'];

/**
 * Runs Java 17's own HTTPS server (JSSE, com.sun.net.httpserver) configured from a keystore and a
 * truststore that keytool wrote from the fixtures, with a client-auth mode: the server of the Java
 * platforms the seeds describe. Its private directory holds the stores (one random password, passed in
 * the environment), the settings file and the logs; the server is compiled once per machine.
 */
export class JavaProcessTargetProvider implements TargetProvider {
  readonly kind = 'java';

  constructor(private readonly params: JavaProcessTargetParams) {}

  start(): Promise<StartedTarget> {
    const { declaration, fixtures, options = {} } = this.params;
    const storeType = options.storeType ?? JAVA_DEFAULTS.storeType;
    const clientAuth = options.clientAuth ?? JAVA_DEFAULTS.clientAuth;
    const protocols = options.protocols ?? declaration.tlsVersions;
    // No trusted CA (allowed with client-auth none only): no truststore at all.
    const trusts = declaration.trusts;
    const given = this.params.stores;
    const password = given?.password ?? randomBytes(18).toString('base64url');
    runSecrets.add(password, 'the JSSE server stores password');
    let jdk: Jdk | undefined;
    let classes = '';
    const settings = (port: number) =>
      renderJsseServerProperties({
        targetName: declaration.name,
        address: '127.0.0.1',
        port,
        clientAuth,
        protocols,
        storeType,
        trusts,
      });
    return startProcessTarget({
      kind: this.kind,
      declaration,
      program: 'java',
      dirPrefix: JAVA_DIR_PREFIX,
      installFix: 'Install a JDK (apt-get install default-jdk-headless) or set java.binary.',
      path: '/healthcheck',
      startupTimeoutMs: this.params.startupTimeoutMs ?? 30_000,
      prepare: async (dir) => {
        // Settings errors (no trusted CA) before any JVM starts.
        settings(0);
        jdk = await findJdk(declaration.name, options.binary ?? JAVA_DEFAULTS.binary);
        const found = jdk;
        [classes] = await Promise.all([
          compileJsseServer(found.javac),
          given === undefined
            ? makeJsseStores({ dir, fixtures, trusts, storeType, keytool: found.keytool, password })
            : copyStores(dir, given, storeType),
          hasLegacyVersion(protocols)
            ? writeFile(join(dir, JSSE_LEGACY_SECURITY_FILE), renderJsseLegacySecurity(declaration.name))
            : Promise.resolve(),
        ]);
      },
      launch: async (dir, port) => {
        const configPath = join(dir, JSSE_SETTINGS_FILE);
        await writeFile(configPath, settings(port));
        return {
          binary: jdk?.java ?? JAVA_DEFAULTS.binary,
          args: [
            ...JVM_FLAGS,
            ...(hasLegacyVersion(protocols)
              ? [`-Djava.security.properties=${JSSE_LEGACY_SECURITY_FILE}`]
              : []),
            '-cp',
            classes,
            JSSE_SERVER_CLASS,
            // Absolute, so `ps` tells which target a JVM serves; the stores it names are relative to `cwd`.
            configPath,
          ],
          cwd: dir,
          env: {
            ...process.env,
            [JSSE_PASSWORD_VARIABLES.keystore]: password,
            [JSSE_PASSWORD_VARIABLES.truststore]: password,
          },
          configPath,
        };
      },
    });
  }
}

/** Copies given stores in under the names the settings use (0600: the keystore holds the private key). */
async function copyStores(
  dir: string,
  given: { keystore: string; truststore: string },
  storeType: JavaStoreType,
): Promise<void> {
  const files = jsseStoreFiles(storeType);
  await copyFile(given.keystore, join(dir, files.keystore));
  await copyFile(given.truststore, join(dir, files.truststore));
  await Promise.all([chmod(join(dir, files.keystore), 0o600), chmod(join(dir, files.truststore), 0o600)]);
}
