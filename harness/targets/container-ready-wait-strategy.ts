import { setTimeout as delay } from 'node:timers/promises';
import type { WaitStrategy } from 'testcontainers';
import { HarnessError } from '../common/harness-error.ts';
import { demuxDockerLogs } from './docker-logs.ts';
import { firstErrorLine } from './first-error-line.ts';
import { waitForTls } from './wait-for-tls.ts';

type DockerContainer = Parameters<WaitStrategy['waitUntilReady']>[0];

// nginx: `bind() to 127.0.0.1:8443 failed (98: Address already in use)`.
const addressInUse = /bind\(\) to \S+ failed \(98: Address (already )?in use\)/;
/** Where the message of a failed start says the port was taken: ContainerTargetProvider tries another. */
export const addressInUseReason = 'its gateway could not bind its port';

/**
 * Ready when the log line (if any) has appeared and 127.0.0.1:port answers TLS. With host networking
 * there are no mapped ports for testcontainers' own port check. A container that exits while we wait
 * fails at once with the first error line of its logs (nginx's `[emerg]`), read before testcontainers
 * removes it.
 */
export class ContainerReadyWaitStrategy implements WaitStrategy {
  #startupTimeoutMs = 30_000;
  #startupTimeoutSet = false;

  constructor(
    private readonly target: string,
    private readonly port: number,
    private readonly log?: string,
  ) {}

  async waitUntilReady(container: DockerContainer): Promise<void> {
    const deadline = Date.now() + this.#startupTimeoutMs;
    const exited = async (): Promise<string | undefined> => {
      const state = (await container.inspect()).State;
      return state.Running ? undefined : `exited with code ${state.ExitCode}`;
    };
    const logs = async () =>
      demuxDockerLogs(await container.logs({ stdout: true, stderr: true, follow: false }));
    try {
      if (this.log !== undefined) {
        while (!(await logs()).includes(this.log)) {
          const stop = await exited();
          if (stop !== undefined) throw new Error(`the container ${stop} before it logged "${this.log}"`);
          if (Date.now() > deadline)
            throw new Error(`log line "${this.log}" did not appear within ${this.#startupTimeoutMs} ms`);
          await delay(50);
        }
      }
      await waitForTls({
        port: this.port,
        timeoutMs: Math.max(deadline - Date.now(), 0),
        gaveUp: async () => {
          const stop = await exited();
          return stop && `the container ${stop} before it answered on 127.0.0.1:${this.port}`;
        },
      });
      // With host networking another server on the port answers TLS too: what answered is the
      // container's only if its gateway did not fail to bind (nginx says so at once, then retries).
      if (addressInUse.test(await logs())) {
        throw new Error(`${addressInUseReason} (127.0.0.1:${this.port} was taken by another server)`);
      }
    } catch (error) {
      const said = firstErrorLine(await logs().catch(() => '')) ?? '(nothing)';
      throw new HarnessError(
        `Cannot start container target "${this.target}": ${(error as Error).message}. Its log said: ${said}`,
        { cause: error },
      );
    }
  }

  withStartupTimeout(startupTimeoutMs: number): this {
    this.#startupTimeoutMs = startupTimeoutMs;
    this.#startupTimeoutSet = true;
    return this;
  }

  isStartupTimeoutSet(): boolean {
    return this.#startupTimeoutSet;
  }

  getStartupTimeout(): number {
    return this.#startupTimeoutMs;
  }
}
