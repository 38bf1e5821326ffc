import { chmod, readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { HarnessError } from '../common/harness-error.ts';
import { binaryError } from './binary-error.ts';
import { firstErrorLine } from './first-error-line.ts';
import { findFreePort } from './free-port.ts';
import { gatewayBackendOf, proxyTo, startGatewayBackend } from './gateway-backend.ts';
import type { StartedRecordingBackend } from '../servers/started-recording-backend.ts';
import { NGINX_DEFAULTS, type NginxTargetOptions } from './nginx-target-options.ts';
import { localTargetUrl } from './local-target-url.ts';
import type { StartedOcspResponder } from '../servers/ocsp-responder.ts';
import { startTargetOcspResponder } from './start-target-ocsp-responder.ts';
import { StartedTargetHandle } from './started-target-handle.ts';
import { makeTargetTempDir, removeTargetTempDir } from './target-temp-dir.ts';
import type { TargetFixtures } from './target-fixtures.ts';
import { isSpawnFailure, spawnTargetProcess, type TargetProcess } from './target-process.ts';
import type { LocalTargetDeclaration, StartedTarget, TargetProvider } from './target-provider.ts';
import { waitForTls } from './wait-for-tls.ts';
import { writeNginxFiles } from './write-nginx-files.ts';

export interface NginxProcessTargetParams {
  declaration: LocalTargetDeclaration;
  fixtures: TargetFixtures;
  options?: NginxTargetOptions;
  /** How long nginx may take to answer TLS. Default 10 000 ms. */
  startupTimeoutMs?: number;
}

/** Prefix of the private directory each nginx runs in: `<tmpdir>/mtlsc-nginx-<target>-XXXXXX`. */
export const NGINX_DIR_PREFIX = 'mtlsc-nginx-';

// The kernel picked the port, but another process can bind it first: try a fresh one a few times.
const PORT_ATTEMPTS = 3;

/**
 * Runs the host's nginx (Debian's nginx-light by default) with a generated nginx.conf, from a private
 * temporary directory that holds the config, certificates, pid file, logs and temp paths. nginx runs
 * in the foreground (`daemon off`) as this process's child, so stopping it does not depend on a pid file.
 */
export class NginxProcessTargetProvider implements TargetProvider {
  readonly kind = 'nginx';

  constructor(private readonly params: NginxProcessTargetParams) {}

  async start(): Promise<StartedTarget> {
    const started = performance.now();
    const { declaration } = this.params;
    const binary = this.params.options?.binary ?? NGINX_DEFAULTS.binary;
    const dir = await makeTargetTempDir(NGINX_DIR_PREFIX, declaration.name);
    // As root, nginx runs its worker as `nobody`; let it reach the temp paths nginx creates for it
    // here. The files stay 0600/0644 as written; nothing in the directory is world-writable.
    if (process.getuid?.() === 0) await chmod(dir, 0o711);
    let backend: StartedRecordingBackend | undefined;
    let ocsp: StartedOcspResponder | undefined;
    try {
      backend = await startGatewayBackend(declaration);
      ocsp = await startTargetOcspResponder({ declaration, fixtures: this.params.fixtures });
      const ocspUrl = (this.params.options?.ocsp ?? NGINX_DEFAULTS.ocsp) ? ocsp?.url : undefined;
      for (let attempt = 1; ; attempt++) {
        const port = await findFreePort();
        const result = await this.#startOnPort(binary, dir, port, backend, ocspUrl);
        if ('process' in result) {
          const { process: nginx, configPath } = result;
          const recording = backend;
          const responder = ocsp;
          return new StartedTargetHandle({
            kind: this.kind,
            declaration: { ...declaration, url: localTargetUrl(declaration, port) },
            startMs: Math.round(performance.now() - started),
            generatedConfigPath: configPath,
            ...(recording === undefined ? {} : { backend: gatewayBackendOf(recording) }),
            ...(responder === undefined ? {} : { ocsp: responder }),
            teardown: async () => {
              await nginx.stop();
              await recording?.stop();
              await responder?.close();
              await removeTargetTempDir(dir);
            },
          });
        }
        if (!(result.addressInUse && attempt < PORT_ATTEMPTS)) throw result.error;
      }
    } catch (error) {
      await backend?.stop();
      await ocsp?.close();
      await removeTargetTempDir(dir);
      throw error;
    }
  }

  async #startOnPort(
    binary: string,
    dir: string,
    port: number,
    backend: StartedRecordingBackend | undefined,
    ocspResponder: string | undefined,
  ): Promise<
    { process: TargetProcess; configPath: string } | { error: HarnessError; addressInUse: boolean }
  > {
    const { declaration, fixtures } = this.params;
    // A fresh error.log per attempt, so a failure quotes this attempt's error.
    await rm(join(dir, 'error.log'), { force: true });
    const files = await writeNginxFiles({
      dir,
      declaration,
      fixtures,
      options: this.params.options ?? {},
      listen: `127.0.0.1:${port}`,
      ...proxyTo(backend, declaration),
      ...(ocspResponder === undefined ? {} : { ocspResponder }),
    });
    const nginx = await spawnTargetProcess(binary, [
      '-p',
      `${dir}/`,
      '-c',
      files.config,
      '-g',
      'daemon off;',
    ]);
    if (isSpawnFailure(nginx)) {
      const fix = 'Install it (apt-get install nginx-light) or set nginx.binary.';
      return {
        error: binaryError({ target: declaration.name, program: 'nginx', binary, code: nginx.code, fix }),
        addressInUse: false,
      };
    }
    try {
      await waitForTls({
        port,
        timeoutMs: this.params.startupTimeoutMs ?? 10_000,
        gaveUp: () => {
          const exited = nginx.exitReason();
          return exited === undefined ? undefined : `nginx ${exited}`;
        },
      });
      return { process: nginx, configPath: files.config };
    } catch (waitError) {
      const exited = nginx.exitReason();
      await nginx.stop();
      const errorLog = await readFile(join(dir, 'error.log'), 'utf8').catch(() => '');
      const said = firstErrorLine(nginx.output(), errorLog) ?? '(nothing)';
      const what =
        exited === undefined
          ? `nginx did not answer TLS on 127.0.0.1:${port} within ${this.params.startupTimeoutMs ?? 10_000} ms`
          : `nginx ${exited} before it answered on 127.0.0.1:${port}`;
      const error = new HarnessError(
        `Cannot start target "${declaration.name}": ${what}. nginx said: ${said}`,
        {
          cause: waitError,
        },
      );
      return { error, addressInUse: /Address already in use/.test(said) };
    }
  }
}
