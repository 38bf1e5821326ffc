import { execFile } from 'node:child_process';

/** What curl, a client nobody on this project wrote, got from a target. */
export type CurlVerdict =
  | { kind: 'http'; status: number; body: string }
  /** curl could not get a response: its exit code (35 handshake, 56 receive) and error line. */
  | { kind: 'failed'; exitCode: number; error: string };

export interface CurlOptions {
  /** PEM with the client certificate, and its chain after it when there is one. */
  cert?: string;
  key?: string;
  /** CA that must validate the server; without it the server is not checked (`-k`). */
  cacert?: string;
  /**
   * Pin the protocol (`--tlsv1.x --tls-max 1.x`). For 1.0 and 1.1 the cipher list drops to OpenSSL's
   * security level 0, without which OpenSSL 3 will not offer them at all.
   */
  tls?: '1.0' | '1.1' | '1.2' | '1.3';
}

/** Runs `curl` once against `url`, resolving with the HTTP answer or curl's failure. */
export function curlVerdict(url: string, options: CurlOptions = {}): Promise<CurlVerdict> {
  const args = ['--silent', '--show-error', '--max-time', '10', '--write-out', '\n%{http_code}'];
  args.push(...(options.cacert === undefined ? ['--insecure'] : ['--cacert', options.cacert]));
  if (options.cert !== undefined) args.push('--cert', options.cert);
  if (options.key !== undefined) args.push('--key', options.key);
  if (options.tls !== undefined) args.push(`--tlsv${options.tls}`, '--tls-max', options.tls);
  if (options.tls === '1.0' || options.tls === '1.1') args.push('--ciphers', 'DEFAULT@SECLEVEL=0');
  return new Promise((resolve) => {
    execFile('curl', [...args, url], { encoding: 'utf8' }, (error, stdout, stderr) => {
      if (error) {
        resolve({
          kind: 'failed',
          exitCode: typeof error.code === 'number' ? error.code : -1,
          error: stderr.trim(),
        });
        return;
      }
      const cut = stdout.lastIndexOf('\n');
      resolve({ kind: 'http', status: Number(stdout.slice(cut + 1)), body: stdout.slice(0, cut) });
    });
  });
}

/** One comparable line: `400 No required SSL certificate was sent`, `200 {"status":"ok"}`, `curl 35`. */
export function summarizeVerdict(verdict: CurlVerdict): string {
  if (verdict.kind === 'failed') return `curl ${verdict.exitCode}`;
  const nginxReason = /<center>([^<]+)<\/center>\s*<hr>/.exec(verdict.body)?.[1];
  return `${verdict.status} ${nginxReason ?? verdict.body.trim().slice(0, 60)}`;
}
