import { readFile, rm } from 'node:fs/promises';
import { performance } from 'node:perf_hooks';
import { HarnessError } from '../common/harness-error.ts';
import { binaryError } from './binary-error.ts';
import { firstErrorLine } from './first-error-line.ts';
import { findFreePort } from './free-port.ts';
import { StartedTargetHandle } from './started-target-handle.ts';
import { makeTargetTempDir, removeTargetTempDir } from './target-temp-dir.ts';
import {
  isSpawnFailure,
  spawnTargetProcess,
  type TargetProcess,
  type TargetProcessOptions,
} from './target-process.ts';
import type { LocalTargetDeclaration, ProviderKind, StartedTarget } from './target-provider.ts';
import { waitForTls } from './wait-for-tls.ts';

/** How to run the server for one port: its program, arguments and where it writes what went wrong. */
export interface ProcessLaunch extends TargetProcessOptions {
  binary: string;
  args: readonly string[];
  /** The config file the server runs (absolute); StartedTarget.generatedConfigPath. */
  configPath: string;
  /** Log files besides stdout/stderr that say why it failed (Apache's error.log); emptied per attempt. */
  logFiles?: readonly string[];
}

export interface ProcessTargetParams {
  kind: ProviderKind;
  declaration: LocalTargetDeclaration;
  /** The program as messages name it: `apache2`, `haproxy`, `java`. */
  program: string;
  /** Prefix of the private directory: `<tmpdir>/<prefix><target>-XXXXXX`. */
  dirPrefix: string;
  /** One sentence for a binary that cannot be run: `Install it (apt-get install apache2) or set apache.binary.` */
  installFix: string;
  /** Path of the URL the probes use, e.g. `/healthcheck`. */
  path: string;
  /** How long the server may take to answer TLS. */
  startupTimeoutMs: number;
  /** Once, before the first attempt: files that do not depend on the port (keystores, certificates). */
  prepare?: (dir: string) => Promise<void>;
  /** Per attempt: writes the config for `port` and says how to run it. */
  launch: (dir: string, port: number) => Promise<ProcessLaunch>;
}

// The kernel picked the port, but another process can bind it first: try a fresh one a few times.
const PORT_ATTEMPTS = 3;

// What Apache, HAProxy and Java print when the port was taken between findFreePort and their bind.
const addressInUse = /Address already in use|EADDRINUSE|BindException|cannot bind socket/i;

/**
 * Runs a server the harness configured in a private temporary directory, as a child in its own process
 * group, until it answers TLS on a free port of 127.0.0.1: the lifecycle the apache, haproxy and java
 * providers share with nginx's (nginx-process-target.ts predates this and keeps its own loop). Stopping
 * the handle stops the process and removes the directory; a failure to start removes it too and is a
 * HarnessError with the server's own first error line.
 */
export async function startProcessTarget(params: ProcessTargetParams): Promise<StartedTarget> {
  const started = performance.now();
  const { declaration } = params;
  const dir = await makeTargetTempDir(params.dirPrefix, declaration.name);
  try {
    await params.prepare?.(dir);
    for (let attempt = 1; ; attempt++) {
      const port = await findFreePort();
      const result = await startOnPort(params, dir, port);
      if ('process' in result) {
        const server = result.process;
        return new StartedTargetHandle({
          kind: params.kind,
          declaration: { ...declaration, url: `https://127.0.0.1:${port}${params.path}` },
          startMs: Math.round(performance.now() - started),
          generatedConfigPath: result.configPath,
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

async function startOnPort(
  params: ProcessTargetParams,
  dir: string,
  port: number,
): Promise<{ process: TargetProcess; configPath: string } | { error: HarnessError; addressInUse: boolean }> {
  const { declaration, program } = params;
  const launch = await params.launch(dir, port);
  // A fresh log per attempt, so a failure quotes this attempt's error.
  await Promise.all((launch.logFiles ?? []).map((file) => rm(file, { force: true })));
  const server = await spawnTargetProcess(launch.binary, launch.args, launch);
  if (isSpawnFailure(server)) {
    const error = binaryError({
      target: declaration.name,
      program,
      binary: launch.binary,
      code: server.code,
      fix: params.installFix,
    });
    return { error, addressInUse: false };
  }
  try {
    await waitForTls({
      port,
      timeoutMs: params.startupTimeoutMs,
      gaveUp: () => {
        const exited = server.exitReason();
        return exited === undefined ? undefined : `${program} ${exited}`;
      },
    });
    return { process: server, configPath: launch.configPath };
  } catch (waitError) {
    const exited = server.exitReason();
    await server.stop();
    const logs = await Promise.all(
      (launch.logFiles ?? []).map((file) => readFile(file, 'utf8').catch(() => '')),
    );
    const said = firstErrorLine(server.output(), ...logs) ?? '(nothing)';
    const what =
      exited === undefined
        ? `${program} did not answer TLS on 127.0.0.1:${port} within ${params.startupTimeoutMs} ms`
        : `${program} ${exited} before it answered on 127.0.0.1:${port}`;
    const error = new HarnessError(
      `Cannot start target "${declaration.name}": ${what}. ${program} said: ${said}`,
      { cause: waitError },
    );
    return { error, addressInUse: addressInUse.test(`${server.output()}\n${logs.join('\n')}`) };
  }
}
