import { spawn, type ChildProcess } from 'node:child_process';
import { accessSync, constants } from 'node:fs';
import { delimiter, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const source = fileURLToPath(new URL('./java-mtls-server.java', import.meta.url));

/** The `java` launcher on PATH, or undefined where Java is not installed. */
export function findJava(): string | undefined {
  return (process.env.PATH ?? '')
    .split(delimiter)
    .filter(Boolean)
    .map((folder) => join(folder, 'java'))
    .find((candidate) => {
      try {
        accessSync(candidate, constants.X_OK);
        return true;
      } catch {
        return false;
      }
    });
}

/** A running java-mtls-server.java: its port, what it printed, and how to stop it. */
export interface JavaMtlsServer extends AsyncDisposable {
  port: number;
  /** The `ACCEPTED …` / `REFUSED …` lines so far. */
  lines(): string[];
  stop(): Promise<void>;
}

/**
 * Starts the single-file Java server (`java java-mtls-server.java KEYSTORE TRUSTSTORE`, JEP 330
 * source launch: compiling it takes a few seconds) and resolves once it listens.
 */
export function startJavaMtlsServer(options: {
  java: string;
  keystore: string;
  truststore: string;
  password: string;
  timeoutMs?: number;
}): Promise<JavaMtlsServer> {
  const child = spawn(options.java, [source, options.keystore, options.truststore], {
    env: { ...process.env, JAVA_STORE_PASS: options.password },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const output: string[] = [];
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill();
      reject(new Error(`the Java server did not listen within ${options.timeoutMs ?? 60_000} ms: ${stderr}`));
    }, options.timeoutMs ?? 60_000);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`the Java server exited (${String(code)}) before listening: ${stderr}`));
    });
    let buffered = '';
    child.stdout.on('data', (chunk: Buffer) => {
      buffered += chunk.toString('utf8');
      const lines = buffered.split('\n');
      buffered = lines.pop() ?? '';
      for (const line of lines) {
        const listening = /^LISTENING (\d+)$/.exec(line.trim());
        if (listening) {
          clearTimeout(timer);
          child.removeAllListeners('exit');
          resolve(handle(child, Number(listening[1]), output));
        } else {
          output.push(line.trim());
        }
      }
    });
  });
}

function handle(child: ChildProcess, port: number, output: string[]): JavaMtlsServer {
  const stop = () =>
    new Promise<void>((resolve) => {
      if (child.exitCode !== null || child.signalCode !== null) {
        resolve();
        return;
      }
      child.once('exit', () => resolve());
      child.kill();
    });
  return { port, lines: () => [...output], stop, [Symbol.asyncDispose]: stop };
}
