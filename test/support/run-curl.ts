import { execFile } from 'node:child_process';

export interface CurlRequest {
  url: string;
  /** PEM file of the CA that signed the server certificate (`--cacert`). */
  caFile: string;
  /** Client certificate file (leaf, or leaf then intermediates) and key. */
  cert?: string;
  key?: string;
  /** Pins the protocol: `--tlsvX --tls-max X`. */
  tls?: '1.2' | '1.3';
  method?: string;
  /** Sent as `--data-raw`, with the content type given in `headers`. */
  data?: string;
  headers?: Record<string, string>;
}

export interface CurlResult {
  /** curl's exit code: 0, or e.g. 35 (TLS handshake failed), 52 (empty reply), 56 (receive failure). */
  exitCode: number;
  /** `%{http_code}`: 0 when no HTTP response arrived. */
  status: number;
  body: string;
  stderr: string;
}

/** Runs the real curl (never spawnSync: the server under test lives in this process). */
export function runCurl(request: CurlRequest): Promise<CurlResult> {
  const args = ['-sS', '--max-time', '10', '--cacert', request.caFile, '-w', '\n%{http_code}'];
  if (request.cert !== undefined) args.push('--cert', request.cert);
  if (request.key !== undefined) args.push('--key', request.key);
  if (request.tls !== undefined) args.push(`--tlsv${request.tls}`, '--tls-max', request.tls);
  if (request.method !== undefined) args.push('-X', request.method);
  if (request.data !== undefined) args.push('--data-raw', request.data);
  for (const [name, value] of Object.entries(request.headers ?? {})) args.push('-H', `${name}: ${value}`);
  args.push(request.url);
  return new Promise((resolve) => {
    execFile('curl', args, { timeout: 15_000 }, (error, stdout, stderr) => {
      const cut = stdout.lastIndexOf('\n');
      resolve({
        exitCode: error === null ? 0 : typeof error.code === 'number' ? error.code : -1,
        status: Number(stdout.slice(cut + 1)),
        body: stdout.slice(0, Math.max(cut, 0)),
        stderr,
      });
    });
  });
}
