import { connect } from 'node:tls';
import { setTimeout as delay } from 'node:timers/promises';

export interface WaitForTlsOptions {
  host?: string;
  port: number;
  /** Give up after this long. */
  timeoutMs: number;
  /** Checked between attempts: a reason to stop waiting (the process exited), or undefined to go on. */
  gaveUp?: () => string | undefined | Promise<string | undefined>;
}

/**
 * Resolves once something on the port speaks TLS: a completed handshake or a TLS alert both count,
 * because a target that requires a client certificate may refuse the anonymous check with an alert
 * (openssl s_server -Verify on TLS 1.2). A refused or reset connection means "not yet".
 */
export async function waitForTls(options: WaitForTlsOptions): Promise<void> {
  const deadline = Date.now() + options.timeoutMs;
  for (let attempt = 0; ; attempt++) {
    const stop = await options.gaveUp?.();
    if (stop !== undefined) throw new Error(stop);
    if (await answersTls(options.host ?? '127.0.0.1', options.port)) return;
    if (Date.now() > deadline) {
      throw new Error(
        `nothing answered TLS on ${options.host ?? '127.0.0.1'}:${options.port} within ${options.timeoutMs} ms`,
      );
    }
    await delay(Math.min(25 * 2 ** attempt, 200));
  }
}

export function answersTls(host: string, port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect({ host, port, rejectUnauthorized: false, servername: 'localhost' });
    socket.setTimeout(2000);
    const finish = (answered: boolean) => {
      socket.destroy();
      resolve(answered);
    };
    socket.once('secureConnect', () => finish(true));
    socket.once('timeout', () => finish(false));
    // OpenSSL names every alert and protocol failure ERR_SSL_*; ECONNREFUSED/ECONNRESET mean not up yet.
    socket.once('error', (error: NodeJS.ErrnoException) =>
      finish(error.code?.startsWith('ERR_SSL_') ?? false),
    );
  });
}
