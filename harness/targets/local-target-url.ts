import type { LocalTargetDeclaration } from './target-provider.ts';

/** The name a target the harness starts is served as: the `server` fixture's certificate names it. */
export const LOCAL_TARGET_SERVER_NAME = 'localhost';

/**
 * Where the probes reach a target the harness started on `port`: `https://127.0.0.1:PORT/healthcheck`,
 * or, when it shares its port with other sites (`sharedWith`), by name, so that its SNI picks its own
 * site and not the port's default server (the first shared site).
 */
export function localTargetUrl(
  declaration: Pick<LocalTargetDeclaration, 'sharedWith'>,
  port: number,
): string {
  const host = (declaration.sharedWith ?? []).length > 0 ? LOCAL_TARGET_SERVER_NAME : '127.0.0.1';
  return `https://${host}:${port}/healthcheck`;
}
