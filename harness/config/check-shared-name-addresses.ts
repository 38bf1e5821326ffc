import { lookup as dnsLookup } from 'node:dns/promises';
import { isIP } from 'node:net';
import { ConfigError, type ConfigProblem } from './config-problem.ts';
import type { HarnessConfig } from './config-types.ts';

export type AddressLookup = (name: string) => Promise<string[]>;

// A resolver that does not answer must not hold the run: the check gives up on a name after this.
const lookupTimeoutMs = 5000;

/**
 * A target whose URL is an IP address reaches its other sites only through that address, so every
 * `sharedWith` name must resolve to it: a name that resolves elsewhere (or not at all) declares a site
 * this address does not serve, and the scenarios would say nothing about it. Throws one ConfigError
 * with every such name, before any probe.
 */
export async function checkSharedNameAddresses(
  config: HarnessConfig,
  lookup: AddressLookup = lookupAll,
): Promise<void> {
  const problems: ConfigProblem[] = [];
  for (const target of config.targets) {
    if (target.provider !== 'url' || target.sharedWith === undefined) continue;
    const address = addressOf(target.url);
    if (address === undefined) continue;
    await Promise.all(
      target.sharedWith.map(async (shared, position) => {
        const problem = await resolutionProblem(shared.name, address, lookup);
        if (problem)
          problems.push({
            path: ['targets', target.index, 'sharedWith', position, 'name'],
            message: problem,
          });
      }),
    );
  }
  if (problems.length > 0) throw new ConfigError(config.source, problems);
}

async function resolutionProblem(
  name: string,
  address: string,
  lookup: AddressLookup,
): Promise<string | undefined> {
  const fix = `the URL names the address ${address}, so every sharedWith name must resolve to it: list only the names this address serves, or write the URL with the target's host name`;
  let addresses: string[];
  try {
    addresses = await withTimeout(lookup(name));
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? (error as Error).message;
    return `"${name}" does not resolve (${code}); ${fix}`;
  }
  if (addresses.some((each) => sameAddress(each, address))) return undefined;
  return `"${name}" resolves to ${addresses.join(', ')}, not to ${address}; ${fix}`;
}

function addressOf(url: string): string | undefined {
  try {
    const host = new URL(url).hostname.replace(/^\[(.*)\]$/, '$1');
    return isIP(host) === 0 ? undefined : host;
  } catch {
    return undefined;
  }
}

function sameAddress(a: string, b: string): boolean {
  const bare = (address: string) => address.toLowerCase().replace(/^::ffff:(?=\d+\.)/, '');
  return bare(a) === bare(b);
}

async function lookupAll(name: string): Promise<string[]> {
  return (await dnsLookup(name, { all: true })).map((entry) => entry.address);
}

function withTimeout<T>(promise: Promise<T>): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(
      () => reject(new Error(`no answer within ${lookupTimeoutMs / 1000} s`)),
      lookupTimeoutMs,
    );
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}
