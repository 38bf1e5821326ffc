import { lookup } from 'node:dns';
import type { LookupFunction } from 'node:net';

/**
 * `dns.lookup`, except that names under `.invalid` fail at once with ENOTFOUND. RFC 6761 §6.4 says
 * resolvers SHOULD answer such names negatively without asking anyone; glibc's getaddrinfo asks the
 * configured DNS server all the same (seen with strace), so a probe of a placeholder host would send a
 * query off the machine and could wait on a slow resolver.
 */
export const lookupUnlessReserved: LookupFunction = (hostname, options, callback) => {
  if (/(?:^|\.)invalid\.?$/i.test(hostname)) {
    const error: NodeJS.ErrnoException = new Error(`getaddrinfo ENOTFOUND ${hostname}`);
    error.code = 'ENOTFOUND';
    error.syscall = 'getaddrinfo';
    process.nextTick(() => callback(error, '', 0));
    return;
  }
  lookup(hostname, options, callback);
};
