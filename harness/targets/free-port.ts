import { randomInt } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { createServer } from 'node:net';

/** The lowest port findFreePort draws from: above the registered services most machines run. */
const lowestDrawn = 10_000;
const draws = 20;

/**
 * A TCP port on 127.0.0.1 that nothing listens on right now. Drawn at random below the kernel's
 * ephemeral range (/proc/sys/net/ipv4/ip_local_port_range, 32768–60999 by default) where there is room:
 * every port the kernel hands out itself (a `listen(0)` such as the recording backends' and the mock
 * servers', the local end of each of a run's thousands of connections) comes from that range, so
 * between this check and the target's own bind only another draw can take the port. A kernel-picked
 * port came back to the next `listen(0)` often enough that a container's nginx found its port taken
 * while the wait for TLS saw the other server answer. Elsewhere, the kernel picks. Another process may
 * still take it first: the providers retry on "address in use".
 */
export async function findFreePort(): Promise<number> {
  const ephemeralLow = await ephemeralRangeStart();
  if (ephemeralLow !== undefined && ephemeralLow - lowestDrawn >= 1000) {
    for (let draw = 0; draw < draws; draw++) {
      const port = randomInt(lowestDrawn, ephemeralLow);
      if ((await listenOnce(port)) !== undefined) return port;
    }
  }
  const picked = await listenOnce(0);
  if (picked === undefined) throw new Error('the kernel gave no TCP port');
  return picked;
}

/** Listens on 127.0.0.1:`port` (0: the kernel picks), closes, and says which port it was; undefined if taken. */
async function listenOnce(port: number): Promise<number | undefined> {
  const server = createServer();
  const listening = await new Promise<boolean>((resolve) => {
    server.once('error', () => resolve(false));
    server.listen(port, '127.0.0.1', () => resolve(true));
  });
  if (!listening) return undefined;
  const address = server.address();
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return address === null || typeof address === 'string' ? undefined : address.port;
}

async function ephemeralRangeStart(): Promise<number | undefined> {
  const text = await readFile('/proc/sys/net/ipv4/ip_local_port_range', 'utf8').catch(() => undefined);
  const low = Number(text?.trim().split(/\s+/)[0]);
  return Number.isInteger(low) && low > 0 ? low : undefined;
}
