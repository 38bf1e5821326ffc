import { spawn, type ChildProcess } from 'node:child_process';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';

const farmScript = fileURLToPath(new URL('./target-farm.ts', import.meta.url));

/** N mock endpoints served by a child process; `stop()` ends it. */
export interface TargetFarm extends AsyncDisposable {
  urls: string[];
  /** The farm's own CPU time so far, user and system: what the endpoints' side of the TLS work cost. */
  cpuMs(): Promise<number>;
  stop(): Promise<void>;
}

/** Starts bench/target-farm.ts and waits until all its endpoints listen. */
export async function startTargetFarm(fixturesDir: string, count: number): Promise<TargetFarm> {
  const child: ChildProcess = spawn(
    process.execPath,
    ['--import', 'tsx', farmScript, fixturesDir, String(count)],
    {
      stdio: ['pipe', 'pipe', 'inherit'],
    },
  );
  const lines = createInterface({ input: child.stdout! });
  const urls = await new Promise<string[]>((resolve, reject) => {
    child.once('error', reject);
    child.once('exit', (code) => reject(new Error(`the target farm exited early (code ${code})`)));
    lines.once('line', (line) => resolve((JSON.parse(line) as { urls: string[] }).urls));
  });
  const stop = async () => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
    child.stdin!.end();
    const timer = setTimeout(() => child.kill('SIGKILL'), 5000);
    await exited;
    clearTimeout(timer);
  };
  const cpuMs = async () => {
    const answer = new Promise<string>((resolve) => lines.once('line', resolve));
    child.stdin!.write('cpu\n');
    return (JSON.parse(await answer) as { cpuMs: number }).cpuMs;
  };
  return { urls, cpuMs, stop, [Symbol.asyncDispose]: stop };
}
