import { isIP } from 'node:net';

/** Whether only this machine can reach a server listening on `host`. */
export function isLoopbackHost(host: string): boolean {
  const bare = host.replace(/^\[|\]$/g, '').toLowerCase();
  if (bare === 'localhost' || bare === '::1') return true;
  const ipv4 = bare.startsWith('::ffff:') ? bare.slice('::ffff:'.length) : bare;
  return isIP(ipv4) === 4 && ipv4.startsWith('127.');
}

export function nonLoopbackWarning(host: string): string {
  return (
    `The mock mTLS server listens on ${host}, which is not a loopback address: other machines can reach it, ` +
    `and it is deliberately lax and holds test keys. Use withHost('127.0.0.1') unless a client on another machine must connect.`
  );
}

/** `https://127.0.0.1:8443`, with brackets around an IPv6 address. */
export function httpsUrl(host: string, port: number): string {
  return `https://${isIP(host) === 6 ? `[${host}]` : host}:${port}`;
}
