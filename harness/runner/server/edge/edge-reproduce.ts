import { isIP } from 'node:net';
import type { SecureVersion } from 'node:tls';
import { shellQuote } from '../../../report/shell-quote.ts';
import type { PresentedIdentity } from '../../resolve-presentation.ts';

/** What `openssl s_client` needs to repeat one edge probe, or the pair that makes and resumes a session. */
export interface EdgeReproduceInput {
  url: string;
  servername: string | null;
  /** The Host header; default the URL's host and port. */
  host?: string;
  presented?: PresentedIdentity | undefined;
  version?: SecureVersion | undefined;
  /** `-sess_out FILE` / `-sess_in FILE`. */
  sessionOut?: string;
  sessionIn?: string;
}

/**
 * `printf 'GET … Host: …' | openssl s_client -connect … -servername …`: curl cannot send an SNI that
 * differs from its Host, nor none for a host name, nor resume a saved session; s_client does all three.
 */
export function edgeReproduceCommand(input: EdgeReproduceInput): string {
  const url = new URL(input.url);
  const host = url.hostname.replace(/^\[(.*)\]$/, '$1');
  const port = url.port === '' ? '443' : url.port;
  const connect = isIP(host) === 6 ? `[${host}]:${port}` : `${host}:${port}`;
  const request = `GET ${url.pathname}${url.search} HTTP/1.1\\r\\nHost: ${input.host ?? url.host}\\r\\nConnection: close\\r\\n\\r\\n`;
  const words = ['openssl', 's_client', '-connect', connect, '-quiet'];
  words.push(...(input.servername === null ? ['-noservername'] : ['-servername', input.servername]));
  if (input.version) words.push(input.version === 'TLSv1.3' ? '-tls1_3' : '-tls1_2');
  const files = input.presented?.files;
  if (files) {
    words.push('-cert', files.certFile, '-key', files.keyFile);
    if (files.chainFile) words.push('-cert_chain', files.chainFile);
  }
  if (input.sessionOut) words.push('-sess_out', input.sessionOut);
  if (input.sessionIn) words.push('-sess_in', input.sessionIn);
  const command = `printf ${shellQuote(request)} | ${words.map(shellQuote).join(' ')}`;
  return files?.setup ? `${files.setup} && ${command}` : command;
}
