import { execFile } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { promisify } from 'node:util';
import { expect } from 'chai';
import type { FixtureSet } from '../harness/pki/fixture-set.ts';
import {
  CONTAINER_DIR_PREFIX,
  CONTAINER_TARGET_LABEL,
  ContainerTargetProvider,
} from '../harness/targets/container-target.ts';
import { findFreePort } from '../harness/targets/free-port.ts';
import { NginxProcessTargetProvider } from '../harness/targets/nginx-process-target.ts';
import type { NginxTargetOptions } from '../harness/targets/nginx-target-options.ts';
import { renderNginxConf } from '../harness/targets/render-nginx-conf.ts';
import type { LocalTargetDeclaration, StartedTarget } from '../harness/targets/target-provider.ts';
import { curlVerdict, summarizeVerdict } from './support/curl-verdict.ts';
import { requireDockerEngine } from './support/docker-available.ts';
import { testFixtures } from './support/fixtures.ts';
import { containersLabelled, tempEntriesStartingWith } from './support/target-leftovers.ts';

function declare(trusts: string[]): LocalTargetDeclaration {
  return {
    name: `box-${randomUUID().slice(0, 8)}`,
    trusts,
    rejectAt: 'any',
    tlsVersions: ['TLSv1.2', 'TLSv1.3'],
  };
}

const clients = [null, 'tpp1', 'tpp2', 'rogue', 'expired', 'self-signed', 'intermediate-leaf'] as const;

async function verdicts(fixtures: FixtureSet, target: StartedTarget): Promise<Record<string, string>> {
  const seen: Record<string, string> = {};
  for (const client of clients) {
    const identity =
      client === null
        ? {}
        : {
            cert: fixtures.path(client, client === 'intermediate-leaf' ? 'chain' : 'crt'),
            key: fixtures.path(client, 'key'),
          };
    seen[client ?? 'none'] = summarizeVerdict(
      await curlVerdict(target.url, { cacert: fixtures.path('ca1', 'crt'), ...identity }),
    );
  }
  return seen;
}

/** Runs `node --import tsx test/support/start-container-target.ts` with `env`, resolving with its line. */
async function startInSubprocess(env: NodeJS.ProcessEnv): Promise<string> {
  const script = new URL('./support/start-container-target.ts', import.meta.url).pathname;
  const { stdout } = await promisify(execFile)(process.execPath, ['--import', 'tsx', script], {
    env,
    encoding: 'utf8',
  });
  return stdout.trim();
}

describe('targets: container (testcontainers, host network)', function () {
  this.timeout(60_000);
  let fixtures: FixtureSet;

  before(async function () {
    await requireDockerEngine(this);
    fixtures = await testFixtures();
  });

  for (const [title, trusts, nginx] of [
    ['ssl_verify_client on, trusting ca1', ['ca1'], {}],
    ['ssl_verify_client on, trusting ca1+ca2', ['ca1', 'ca2'], {}],
    [
      'ssl_verify_client optional_no_ca, declared as trusting ca1',
      ['ca1'],
      { verifyClient: 'optional_no_ca' },
    ],
  ] as [string, string[], NginxTargetOptions][]) {
    it(`${title}: the container gives curl the same answers as the local nginx process, from the same config`, async function () {
      const declaration = declare(trusts);
      await using processTarget = await new NginxProcessTargetProvider({
        declaration,
        fixtures,
        options: nginx,
      }).start();
      await using containerTarget = await new ContainerTargetProvider({
        declaration,
        fixtures,
        nginx,
      }).start();
      expect(containerTarget.kind).to.equal('container');
      expect(containerTarget.url).to.match(/^https:\/\/127\.0\.0\.1:\d+\/healthcheck$/);
      expect(containerTarget.startMs).to.be.within(1, 30_000);

      const fromProcess = await verdicts(fixtures, processTarget);
      const fromContainer = await verdicts(fixtures, containerTarget);
      expect(fromContainer).to.deep.equal(fromProcess);
      // Not vacuous: both refused someone or let a stranger in, as the configuration says.
      expect(fromProcess.tpp1).to.equal('200 {"status":"ok"}');
      expect(fromProcess.rogue).to.equal(
        nginx.verifyClient === 'optional_no_ca' ? '200 {"status":"ok"}' : '400 The SSL certificate error',
      );

      // The same file apart from the port each one listens on.
      const samePort = (path: string) =>
        readFileSync(path, 'utf8').replace(/listen 127\.0\.0\.1:\d+ ssl;/, 'listen PORT ssl;');
      expect(samePort(containerTarget.generatedConfigPath!)).to.equal(
        samePort(processTarget.generatedConfigPath!),
      );
    });
  }

  it('stop() leaves no container and no temporary directory behind', async function () {
    const declaration = declare(['ca1']);
    const target = await new ContainerTargetProvider({ declaration, fixtures }).start();
    expect(await containersLabelled(CONTAINER_TARGET_LABEL, declaration.name)).to.have.length(1);
    expect(await tempEntriesStartingWith(`${CONTAINER_DIR_PREFIX}${declaration.name}-`)).to.have.length(1);
    await target.stop();
    await target.stop();
    expect(await containersLabelled(CONTAINER_TARGET_LABEL, declaration.name)).to.deep.equal([]);
    expect(existsSync(dirname(target.generatedConfigPath!))).to.be.false;
    expect(summarizeVerdict(await curlVerdict(target.url))).to.equal('curl 7');
  });

  it('runs your own gateway image with your files, command, port and log line', async function () {
    // A "gateway" config of the user's own: it logs to stderr (so the log line is visible to docker) and
    // uses the generated certificate files the provider copies to /etc/nginx/mtls/.
    const port = await findFreePort();
    const dir = await mkdtemp(join(tmpdir(), 'mtlsc-gateway-test-'));
    try {
      const own = renderNginxConf({
        targetName: 'gateway',
        listen: `127.0.0.1:${port}`,
        verifyClient: 'on',
        verifyDepth: 1,
        protocols: ['TLSv1.3'],
        trusts: ['ca1'],
      })
        .replace('error_log error.log notice;', 'error_log stderr notice;')
        .replace(/(ssl_certificate(_key)?|ssl_client_certificate)(\s+)(\S+);/g, '$1$3/etc/nginx/mtls/$4;');
      await writeFile(join(dir, 'gateway.conf'), own);
      const declaration = declare(['ca1']);
      await using target = await new ContainerTargetProvider({
        declaration,
        fixtures,
        options: {
          files: [{ source: join(dir, 'gateway.conf'), target: '/gateway/gateway.conf' }],
          command: ['/usr/sbin/nginx', '-p', '/tmp/', '-c', '/gateway/gateway.conf', '-g', 'daemon off;'],
          port,
          waitFor: { log: 'start worker process' },
        },
      }).start();
      expect(target.url).to.equal(`https://127.0.0.1:${port}/healthcheck`);
      expect(target.generatedConfigPath).to.be.undefined;
      const tpp1 = { cert: fixtures.path('tpp1', 'crt'), key: fixtures.path('tpp1', 'key') };
      expect(summarizeVerdict(await curlVerdict(target.url, tpp1))).to.equal('200 {"status":"ok"}');
      expect(summarizeVerdict(await curlVerdict(target.url, { ...tpp1, tls: '1.2' }))).to.equal('curl 35');
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('refuses your own command without a port, in one line', async function () {
    const error = await new ContainerTargetProvider({
      declaration: { ...declare(['ca1']), name: 'gw' },
      fixtures,
      options: { command: ['/gateway'] },
    })
      .start()
      .then(
        () => expect.fail('started without a port'),
        (e: unknown) => e as Error,
      );
    expect(error.message).to.equal(
      'Cannot start container target "gw": container.port is required with container.command (the port your gateway listens on; host networking, so it is also the port on 127.0.0.1).',
    );
  });

  it("a config nginx refuses in the container is one line with nginx's own first error, and no container is left", async function () {
    const declaration = declare(['ca1']);
    const error = await new ContainerTargetProvider({
      declaration,
      fixtures,
      nginx: { protocols: ['TLSv1.4' as 'TLSv1.3'] },
    })
      .start()
      .then(
        () => expect.fail('nginx accepted TLSv1.4'),
        (e: unknown) => e as Error,
      );
    expect(error.message).to.match(
      new RegExp(
        `^Cannot start container target "${declaration.name}": the container exited with code 1 before it answered on 127\\.0\\.0\\.1:\\d+\\. ` +
          'Its log said: \\[emerg\\] invalid value "TLSv1\\.4" in /etc/nginx/mtls/nginx\\.conf:\\d+$',
      ),
    );
    expect(await containersLabelled(CONTAINER_TARGET_LABEL, declaration.name)).to.deep.equal([]);
    expect(await tempEntriesStartingWith(`${CONTAINER_DIR_PREFIX}${declaration.name}-`)).to.deep.equal([]);
  });

  it('an image the engine does not have and cannot pull is one line naming the image', async function () {
    // A registry on 127.0.0.1's discard port: the pull fails at once and no traffic leaves the machine.
    const image = '127.0.0.1:9/mtlsc/absent:0';
    const error = await new ContainerTargetProvider({
      declaration: { ...declare(['ca1']), name: 'box' },
      fixtures,
      options: { image },
    })
      .start()
      .then(
        () => expect.fail('started an absent image'),
        (e: unknown) => e as Error,
      );
    expect(error.message).to.match(
      new RegExp(
        `^Cannot start container target "box": image "127\\.0\\.0\\.1:9/mtlsc/absent:0" is not on the Docker engine at ${process.env.DOCKER_HOST} and could not be pulled \\(.*127\\.0\\.0\\.1:9.*\\)\\. ` +
          'Build or load it there \\(docker build, docker load, or build_local_nginx_image in scripts/docker-engine\\.sh\\), or set container\\.image / MTLSC_CONTAINER_IMAGE to an image it has\\.$',
      ),
    );
  });

  it('an unreachable engine is one line naming DOCKER_HOST and the fix', async function () {
    if (existsSync('/var/run/docker.sock')) this.skip(); // testcontainers would fall back to that engine.
    const socket = `/tmp/mtlsc-absent-${randomUUID().slice(0, 8)}.sock`;
    expect(await startInSubprocess({ ...process.env, DOCKER_HOST: `unix://${socket}` })).to.equal(
      `Cannot start container target "edge": no Docker engine answered at DOCKER_HOST=unix://${socket} (connect ENOENT ${socket}). Start one (see scripts/docker-engine.sh) or set DOCKER_HOST.`,
    );
  });

  it('an engine without a bridge network needs TESTCONTAINERS_HOST_OVERRIDE, and the line says so', async function () {
    const env = { ...process.env };
    delete env.TESTCONTAINERS_HOST_OVERRIDE;
    expect(await startInSubprocess(env)).to.equal(
      `Cannot start container target "edge": the Docker engine at DOCKER_HOST=${process.env.DOCKER_HOST} answers, but testcontainers could not use it (Could not find a working container runtime strategy). Set TESTCONTAINERS_HOST_OVERRIDE=127.0.0.1 and TESTCONTAINERS_RYUK_DISABLED=true, or run with DEBUG=testcontainers* for its reasons.`,
    );
  });
});
