import { isIP } from 'node:net';
import type { ConfigProblem } from './config-problem.ts';
import type { TargetEntry } from './config-types.ts';
import { LOCAL_TARGET_SERVER_NAME } from '../targets/local-target-url.ts';

type At = (...path: (string | number)[]) => (string | number)[];

/** The providers that serve `sharedWith` names themselves, and `url`, whose gateway serves them. */
const providersServingSharedNames = ['url', 'nginx', 'container', 'mock'];

/**
 * `sharedWith` and `resumption` as the schema cannot check them: server suite only; no name twice, none
 * an address (SNI carries names only, RFC 6066 §3), none the target's own name; `trusts` given exactly
 * for the mTLS sites.
 */
export function sharedWithProblems(
  target: Partial<Record<keyof TargetEntry, unknown>>,
  at: At,
): ConfigProblem[] {
  const problems: ConfigProblem[] = [];
  const suite = target.suite ?? 'server';
  for (const field of ['sharedWith', 'resumption'] as const) {
    if (target[field] !== undefined && typeof suite === 'string' && suite !== 'server') {
      problems.push({
        path: at(field),
        message: `only used with suite server (the scenarios around the edge probe an endpoint), but suite is ${suite}; remove it`,
      });
    }
  }
  if (!Array.isArray(target.sharedWith)) return problems;
  const provider = target.provider ?? 'url';
  if (typeof provider === 'string' && !providersServingSharedNames.includes(provider)) {
    problems.push({
      path: at('sharedWith'),
      message: `provider ${provider} does not serve other sites beside the target (nginx, container and mock do); declare them on a url target that points at your gateway, or remove sharedWith`,
    });
  }
  const own = ownName(target);
  const seen = new Map<string, number>();
  (target.sharedWith as unknown[]).forEach((entry, position) => {
    if (typeof entry !== 'object' || entry === null) return;
    const shared = entry as { name?: unknown; mtls?: unknown; trusts?: unknown };
    if (typeof shared.name === 'string') {
      const name = normalized(shared.name);
      const first = seen.get(name);
      if (isIP(shared.name) !== 0) {
        problems.push({
          path: at('sharedWith', position, 'name'),
          message: `"${shared.name}" is an IP address, but SNI carries host names only (RFC 6066 §3); give the name that site is reached by`,
        });
      } else if (own !== undefined && name === normalized(own.name)) {
        problems.push({
          path: at('sharedWith', position, 'name'),
          message: `"${shared.name}" is the target's own name (${own.source}); list only the other names its address serves`,
        });
      } else if (first !== undefined) {
        problems.push({
          path: at('sharedWith', position, 'name'),
          message: `"${shared.name}" is already sharedWith[${first}]; list each name once`,
        });
      }
      if (first === undefined) seen.set(name, position);
    }
    if (shared.mtls === true && shared.trusts === undefined) {
      problems.push({
        path: at('sharedWith', position, 'trusts'),
        message: 'missing; with mtls: true, give the fixture CAs that site accepts, e.g. [ca2]',
      });
    }
    if (shared.mtls === false && shared.trusts !== undefined) {
      problems.push({
        path: at('sharedWith', position, 'trusts'),
        message:
          'only used with mtls: true (an ordinary site accepts no client certificate); remove it or set mtls: true',
      });
    }
  });
  return problems;
}

/** The name a target is reached by, and where that comes from; undefined when its URL does not parse. */
export function ownName(
  target: Partial<Record<keyof TargetEntry, unknown>>,
): { name: string; source: string } | undefined {
  if (typeof target.servername === 'string') return { name: target.servername, source: 'its servername' };
  if ((target.provider ?? 'url') !== 'url') {
    return {
      name: LOCAL_TARGET_SERVER_NAME,
      source: `the name provider ${String(target.provider)} serves it as`,
    };
  }
  if (typeof target.url !== 'string') return undefined;
  try {
    return { name: new URL(target.url).hostname.replace(/^\[(.*)\]$/, '$1'), source: "its URL's host" };
  } catch {
    return undefined;
  }
}

function normalized(name: string): string {
  return name.toLowerCase().replace(/\.$/, '');
}
