import { spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';

/** A running `openssl s_server`, a TLS server nobody on this project wrote. */
export interface StartedOpensslServer extends AsyncDisposable {
  port: number;
  /** Everything it printed, for a failing test's message. */
  output(): string;
  stop(): Promise<void>;
}

/** A port that was free a moment ago on 127.0.0.1 (s_server cannot listen on port 0 and say which). */
export async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  await new Promise<void>((resolve) => server.close(() => resolve()));
  if (address === null || typeof address === 'string') throw new Error('no TCP address');
  return address.port;
}

/**
 * Starts `openssl s_server -accept 127.0.0.1:PORT ...args` and resolves once it prints ACCEPT (it
 * listens from then on). Fails after `startTimeoutMs` with what it printed.
 */
export async function startOpensslServer(
  args: readonly string[],
  startTimeoutMs = 5000,
): Promise<StartedOpensslServer> {
  const port = await freePort();
  const child = spawn('openssl', ['s_server', '-accept', `127.0.0.1:${port}`, ...args], {
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  let output = '';
  const collect = (chunk: Buffer): void => {
    output += chunk.toString('utf8');
  };
  child.stdout.on('data', collect);
  child.stderr.on('data', collect);
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill();
      reject(new Error(`openssl s_server did not start within ${startTimeoutMs} ms:\n${output}`));
    }, startTimeoutMs);
    const onData = (): void => {
      if (/^ACCEPT$/m.test(output)) {
        clearTimeout(timer);
        resolve();
      }
    };
    child.stdout.on('data', onData);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`openssl s_server exited with ${String(code)}:\n${output}`));
    });
  });
  const stop = (): Promise<void> => stopChild(child);
  return { port, output: () => output, stop, [Symbol.asyncDispose]: stop };
}

function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    child.once('exit', () => resolve());
    child.kill('SIGTERM');
  });
}
