import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { setTimeout as delay } from 'node:timers/promises';
import { HarnessError } from '../common/harness-error.ts';
import { binaryError } from './binary-error.ts';
import { firstErrorLine } from './first-error-line.ts';
import { findFreePort } from './free-port.ts';
import { opensslCrlArguments, writeOpensslCrl, type OpensslCrl } from './openssl-revocation.ts';
import { OPENSSL_DEFAULTS, type OpenSslTargetOptions } from './openssl-target-options.ts';
import { StartedTargetHandle } from './started-target-handle.ts';
import { makeTargetTempDir, removeTargetTempDir } from './target-temp-dir.ts';
import { SERVER_FIXTURE, type TargetFixtures } from './target-fixtures.ts';
import { isSpawnFailure, spawnTargetProcess, type TargetProcess } from './target-process.ts';
import type { LocalTargetDeclaration, StartedTarget, TargetProvider } from './target-provider.ts';

export interface OpenSslTargetParams {
  declaration: LocalTargetDeclaration;
  fixtures: TargetFixtures;
  options?: OpenSslTargetOptions;
  /** How long s_server may take to print ACCEPT. Default 10 000 ms. */
  startupTimeoutMs?: number;
}

/** Prefix of the private directory holding each s_server's CA bundle. */
export const OPENSSL_DIR_PREFIX = 'mtlsc-openssl-';

const PORT_ATTEMPTS = 3;

/**
 * `openssl s_server -www`: a target that refuses at the TLS handshake (`-verify_return_error`), where
 * nginx refuses at HTTP. Any request that gets through is answered with s_server's HTTP 200 status page.
 */
export class OpenSslTargetProvider implements TargetProvider {
  readonly kind = 'openssl';
  #binary = 'openssl';

  constructor(private readonly params: OpenSslTargetParams) {}

  /** The openssl executable: a path, or a name looked up on PATH. Default `openssl`. */
  withBinary(binary: string): this {
    this.#binary = binary;
    return this;
  }

  async start(): Promise<StartedTarget> {
    const started = performance.now();
    const { declaration, fixtures } = this.params;
    if (declaration.trusts.length === 0) {
      throw new HarnessError(
        `Cannot start target "${declaration.name}": openssl s_server needs at least one trusted CA to verify clients against; declare trusts (e.g. [ca1]).`,
      );
    }
    const dir = await makeTargetTempDir(OPENSSL_DIR_PREFIX, declaration.name);
    try {
      const bundle = join(dir, 'client-ca.pem');
      await writeFile(bundle, fixtures.trustBundlePem(declaration.trusts));
      const crl = await writeOpensslCrl({
        dir,
        declaration,
        fixtures,
        options: this.params.options ?? {},
        binary: this.#binary,
      });
      for (let attempt = 1; ; attempt++) {
        const port = await findFreePort();
        const result = await this.#startOnPort(port, bundle, crl);
        if ('process' in result) {
          const server = result.process;
          return new StartedTargetHandle({
            kind: this.kind,
            declaration: { ...declaration, url: `https://127.0.0.1:${port}/` },
            startMs: Math.round(performance.now() - started),
            teardown: async () => {
              await server.stop();
              await removeTargetTempDir(dir);
            },
          });
        }
        if (!(result.addressInUse && attempt < PORT_ATTEMPTS)) throw result.error;
      }
    } catch (error) {
      await removeTargetTempDir(dir);
      throw error;
    }
  }

  /**
   * The s_server arguments for a port and CA bundle, as documented in openssl-s_server(1); with the CRL
   * file and its check (opensslCrlArguments) when the target declares `revocation: { crl: true }`.
   */
  arguments(port: number, bundle: string, crl?: OpensslCrl): string[] {
    const { fixtures, options = {} } = this.params;
    const verify = (options.verify ?? OPENSSL_DEFAULTS.verify) === 'require' ? '-Verify' : '-verify';
    return [
      's_server',
      '-accept',
      `127.0.0.1:${port}`,
      '-cert',
      fixtures.path(SERVER_FIXTURE, 'crt'),
      '-key',
      fixtures.path(SERVER_FIXTURE, 'key'),
      '-CAfile',
      bundle,
      verify,
      '2',
      '-verify_return_error',
      ...(crl === undefined ? [] : opensslCrlArguments(crl)),
      ...(options.tlsVersion === undefined ? [] : [`-tls${options.tlsVersion.replace('.', '_')}`]),
      '-www',
    ];
  }

  async #startOnPort(
    port: number,
    bundle: string,
    crl: OpensslCrl | undefined,
  ): Promise<{ process: TargetProcess } | { error: HarnessError; addressInUse: boolean }> {
    const { declaration } = this.params;
    const server = await spawnTargetProcess(this.#binary, this.arguments(port, bundle, crl));
    if (isSpawnFailure(server)) {
      const fix = 'Install it (apt-get install openssl) or put it on PATH.';
      const error = binaryError({
        target: declaration.name,
        program: 'openssl',
        binary: this.#binary,
        code: server.code,
        fix,
      });
      return { error, addressInUse: false };
    }
    const timeoutMs = this.params.startupTimeoutMs ?? 10_000;
    const deadline = Date.now() + timeoutMs;
    // s_server prints ACCEPT once it listens.
    while (!/^ACCEPT$/m.test(server.output()) && server.exitReason() === undefined && Date.now() < deadline) {
      await delay(10);
    }
    if (/^ACCEPT$/m.test(server.output())) return { process: server };
    const exited = server.exitReason();
    await server.stop();
    const said = firstErrorLine(server.output()) ?? '(nothing)';
    const what =
      exited === undefined
        ? `openssl s_server did not print ACCEPT within ${timeoutMs} ms`
        : `openssl s_server ${exited} before it listened on 127.0.0.1:${port}`;
    const error = new HarnessError(
      `Cannot start target "${declaration.name}": ${what}. openssl said: ${said}`,
    );
    return { error, addressInUse: /Address already in use/i.test(server.output()) };
  }
}
