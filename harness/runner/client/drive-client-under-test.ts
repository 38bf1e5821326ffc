import { setTimeout as delay } from 'node:timers/promises';
import type { ConnectionRecord } from '../../servers/connection-record.ts';
import type { StartedMockMtlsServer } from '../../servers/started-mock-mtls-server.ts';
import { fillPlaceholders, type ClientCommandPlaceholder } from './client-command-template.ts';
import type { ClientUnderTest } from './client-under-test.ts';
import { runClientCommand, type ClientProcessOutcome } from './run-client-command.ts';

/** What one scenario saw of the client under test. */
export interface ClientRun {
  /** The URL the client was given. */
  url: string;
  /** What the mock server recorded, one record per TCP connection. */
  records: readonly ConnectionRecord[];
  /** How the client process ended (`command`). */
  process?: ClientProcessOutcome;
  /** `wait`: whether anything connected within the time allowed. */
  waited?: { timeoutMs: number; connected: boolean };
}

export interface DriveOptions {
  /** Placeholder values for this scenario. */
  values: Readonly<Record<ClientCommandPlaceholder, string>>;
  /** Set in the client's environment only. */
  env: Readonly<Record<string, string>>;
  /** Masked in output excerpts. */
  secrets: readonly string[];
  /** One line telling a person where to point the client (`wait`). */
  announcement: string;
  signal?: AbortSignal;
}

/** After the client exits, how long the server may take to read what it sent last (an alert, a FIN). */
const settleMs = 2000;
/** `wait`: the client is done once nothing new was recorded for this long. */
const quietMs = 1500;
/** `wait`: the longest a connected client may keep going. */
const maxWaitAfterConnectMs = 15_000;

/**
 * Runs the client under test against a started scenario server, then stops the server and returns
 * what it recorded.
 */
export async function driveClientUnderTest(
  client: ClientUnderTest,
  server: StartedMockMtlsServer,
  options: DriveOptions,
): Promise<ClientRun> {
  const url = options.values.url;
  if (client.kind === 'command') {
    const outcome = await runClientCommand({
      argv: client.argv.map((part) => fillPlaceholders(part, options.values)),
      ...(client.stdin !== undefined ? { stdin: fillPlaceholders(client.stdin, options.values) } : {}),
      env: options.env,
      timeoutMs: client.timeoutMs,
      ...(client.cwd !== undefined ? { cwd: client.cwd } : {}),
      secrets: options.secrets,
      ...(options.signal ? { signal: options.signal } : {}),
    });
    await until(() => server.openSocketCount === 0, settleMs);
    // A request the client sent just before leaving is answered (and recorded) on a later tick.
    await delay(20);
    return { url, records: await finalRecords(server), process: outcome };
  }
  (client.announce ?? ((line: string) => process.stderr.write(`${line}\n`)))(options.announcement);
  const connected = await until(() => server.connections.length > 0, client.timeoutMs, options.signal);
  if (connected) await untilQuiet(server, options.signal);
  return { url, records: await finalRecords(server), waited: { timeoutMs: client.timeoutMs, connected } };
}

/** Stops the server, which closes what is still open and so completes every record, then reads them. */
async function finalRecords(server: StartedMockMtlsServer): Promise<readonly ConnectionRecord[]> {
  await server.stop();
  return server.connections;
}

/** Polls `condition` until it holds (true) or `timeoutMs` passes or the run is interrupted (false). */
async function until(condition: () => boolean, timeoutMs: number, signal?: AbortSignal): Promise<boolean> {
  const deadline = performance.now() + timeoutMs;
  while (!condition()) {
    if (performance.now() >= deadline || signal?.aborted) return false;
    await delay(20);
  }
  return true;
}

/** Waits until the server has recorded nothing new (connections, requests) for `quietMs`. */
async function untilQuiet(server: StartedMockMtlsServer, signal?: AbortSignal): Promise<void> {
  const activity = () =>
    server.connections.reduce((sum, record) => sum + 1 + record.requests.length, 0) + server.openSocketCount;
  const started = performance.now();
  let last = activity();
  let lastChange = performance.now();
  while (performance.now() - lastChange < quietMs && performance.now() - started < maxWaitAfterConnectMs) {
    if (signal?.aborted) return;
    await delay(50);
    const now = activity();
    if (now !== last) {
      last = now;
      lastChange = performance.now();
    }
  }
}
