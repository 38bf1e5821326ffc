import { basename, join } from 'node:path';
import { performance } from 'node:perf_hooks';
import type * as Testcontainers from 'testcontainers';
import type { ContainerRuntimeClient, StartedTestContainer } from 'testcontainers';
import { HarnessError, isHarnessError } from '../common/harness-error.ts';
import {
  CONTAINER_NGINX_DIR,
  DEFAULT_CONTAINER_IMAGE,
  type ContainerTargetOptions,
} from './container-target-options.ts';
import { addressInUseReason, ContainerReadyWaitStrategy } from './container-ready-wait-strategy.ts';

const PORT_ATTEMPTS = 3;
import { dockerEngineError } from './docker-engine-error.ts';
import { findFreePort } from './free-port.ts';
import { gatewayBackendOf, proxyTo, startGatewayBackend } from './gateway-backend.ts';
import type { StartedRecordingBackend } from '../servers/started-recording-backend.ts';
import type { NginxTargetOptions } from './nginx-target-options.ts';
import { NGINX_FILE_NAMES } from './render-nginx-conf.ts';
import { localTargetUrl } from './local-target-url.ts';
import { StartedTargetHandle } from './started-target-handle.ts';
import { makeTargetTempDir, removeTargetTempDir } from './target-temp-dir.ts';
import type { TargetFixtures } from './target-fixtures.ts';
import type { LocalTargetDeclaration, StartedTarget, TargetProvider } from './target-provider.ts';
import { writeNginxFiles } from './write-nginx-files.ts';

export interface ContainerTargetParams {
  declaration: LocalTargetDeclaration;
  fixtures: TargetFixtures;
  options?: ContainerTargetOptions;
  /** How the generated nginx.conf checks clients (the target's `nginx:` block; `binary` is unused). */
  nginx?: NginxTargetOptions;
  /** How long the container may take to answer TLS. Default 30 000 ms. */
  startupTimeoutMs?: number;
}

/** Label on every container the harness starts; its value is the target name. */
export const CONTAINER_TARGET_LABEL = 'mtls-conformance.target';

/** Prefix of the host directory holding the files copied into each container. */
export const CONTAINER_DIR_PREFIX = 'mtlsc-container-';

/**
 * A container run with testcontainers on the host network: by default nginx with the same generated
 * nginx.conf as the `nginx` provider, copied to /etc/nginx/mtls/; or your own gateway image with its
 * files and command. It is stopped and removed on dispose.
 */
export class ContainerTargetProvider implements TargetProvider {
  readonly kind = 'container';

  constructor(private readonly params: ContainerTargetParams) {}

  /** The image to run: `container.image`, else MTLSC_CONTAINER_IMAGE, else a public nginx image. */
  image(): string {
    return this.params.options?.image ?? (process.env.MTLSC_CONTAINER_IMAGE || DEFAULT_CONTAINER_IMAGE);
  }

  /** The command to run: `container.command`, else nginx with the generated config. */
  command(): string[] {
    const dir = CONTAINER_NGINX_DIR;
    return [
      ...(this.params.options?.command ?? [
        '/usr/sbin/nginx',
        '-p',
        dir,
        '-c',
        `${dir}${NGINX_FILE_NAMES.config}`,
        '-g',
        'daemon off;',
      ]),
    ];
  }

  async start(): Promise<StartedTarget> {
    const started = performance.now();
    const { declaration, options = {} } = this.params;
    if (options.command !== undefined && options.port === undefined) {
      throw new HarnessError(
        `Cannot start container target "${declaration.name}": container.port is required with container.command (the port your gateway listens on; host networking, so it is also the port on 127.0.0.1).`,
      );
    }
    const { getContainerRuntimeClient, ImageName } = await loadTestcontainers();
    const client = await getContainerRuntimeClient().catch(async (error: unknown) => {
      throw await dockerEngineError(declaration.name, error);
    });
    const image = this.image();
    const imagePresent = await client.image.exists(ImageName.fromString(image));
    const dir = await makeTargetTempDir(CONTAINER_DIR_PREFIX, declaration.name);
    let backend: StartedRecordingBackend | undefined;
    try {
      // With your own command the gateway, and the application behind it, are yours.
      if (options.command === undefined) backend = await startGatewayBackend(declaration);
      const { container, port } = await this.#runOnFreePort(client, image, imagePresent, dir, backend);
      const recording = backend;
      return new StartedTargetHandle({
        kind: this.kind,
        declaration: { ...declaration, url: localTargetUrl(declaration, port) },
        startMs: Math.round(performance.now() - started),
        ...(options.command === undefined ? { generatedConfigPath: join(dir, NGINX_FILE_NAMES.config) } : {}),
        ...(recording === undefined ? {} : { backend: gatewayBackendOf(recording) }),
        teardown: async () => {
          // nginx stops at once on SIGTERM ("fast shutdown"); docker sends SIGKILL after the timeout.
          await container.stop({ timeout: 5000, remove: true });
          await recording?.stop();
          await removeTargetTempDir(dir);
        },
      });
    } catch (error) {
      await backend?.stop();
      await removeTargetTempDir(dir);
      throw error;
    }
  }

  // A port of our choosing can be taken before the gateway binds it: another one, a few times. A port
  // the user chose (container.port) is theirs to free.
  async #runOnFreePort(
    client: ContainerRuntimeClient,
    image: string,
    imagePresent: boolean,
    dir: string,
    backend: StartedRecordingBackend | undefined,
  ): Promise<{ container: StartedTestContainer; port: number }> {
    const chosen = this.params.options?.port;
    for (let attempt = 1; ; attempt++) {
      const port = chosen ?? (await findFreePort());
      try {
        return { container: await this.#run(client, image, imagePresent, port, dir, backend), port };
      } catch (error) {
        const taken = error instanceof Error && error.message.includes(addressInUseReason);
        if (chosen !== undefined || !taken || attempt >= PORT_ATTEMPTS) throw error;
      }
    }
  }

  async #run(
    client: ContainerRuntimeClient,
    image: string,
    imagePresent: boolean,
    port: number,
    dir: string,
    backend: StartedRecordingBackend | undefined,
  ): Promise<StartedTestContainer> {
    const { declaration, fixtures, options = {} } = this.params;
    const files = await writeNginxFiles({
      dir,
      declaration,
      fixtures,
      options: this.params.nginx ?? {},
      listen: `127.0.0.1:${port}`,
      // Host networking: the recording backend on 127.0.0.1 is reachable from inside the container.
      ...proxyTo(backend, declaration),
    });
    const copies = [
      ...[files.config, files.certificate, files.certificateKey, files.clientCertificate, ...files.more].map(
        (source) => ({
          source,
          target: `${CONTAINER_NGINX_DIR}${basename(source)}`,
        }),
      ),
      ...(options.files ?? []).map(({ source, target }) => ({ source, target })),
    ];
    const timeoutMs = this.params.startupTimeoutMs ?? 30_000;
    const { GenericContainer } = await loadTestcontainers();
    const container = new GenericContainer(image)
      // Host networking: the target listens on 127.0.0.1 of this machine; no bridge network is created.
      .withNetworkMode('host')
      .withCopyFilesToContainer(copies)
      .withCommand(this.command())
      .withLabels({ [CONTAINER_TARGET_LABEL]: declaration.name })
      .withWaitStrategy(new ContainerReadyWaitStrategy(declaration.name, port, options.waitFor?.log))
      .withStartupTimeout(timeoutMs);
    try {
      return await container.start();
    } catch (error) {
      if (isHarnessError(error)) throw error;
      // dockerode's `(HTTP code 500) server error - <engine message>` down to the engine's message.
      const reason = String((error as Error).message ?? error)
        .replace(/^\(HTTP code \d+\) [a-z ]+ - /, '')
        .replace(/\s+/g, ' ')
        .trim();
      const host = client.info.containerRuntime.host;
      if (!imagePresent) {
        throw new HarnessError(
          `Cannot start container target "${declaration.name}": image "${image}" is not on the Docker engine at ${process.env.DOCKER_HOST ?? host} and could not be pulled (${reason}). Build or load it there (docker build, docker load, or build_local_nginx_image in scripts/docker-engine.sh), or set container.image / MTLSC_CONTAINER_IMAGE to an image it has.`,
          { cause: error },
        );
      }
      throw new HarnessError(
        `Cannot start container target "${declaration.name}": the Docker engine at ${process.env.DOCKER_HOST ?? host} could not run image "${image}" (${reason}).`,
        { cause: error },
      );
    }
  }
}

// testcontainers takes about a second to load (its Docker client and protocol stacks): only runs with a
// container target should pay for it, not every CLI start.
function loadTestcontainers(): Promise<typeof Testcontainers> {
  return import('testcontainers');
}
