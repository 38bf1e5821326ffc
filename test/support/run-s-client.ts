import { spawn } from 'node:child_process';

export interface SClientRequest {
  port: number;
  tls: '1.2' | '1.3';
  caFile: string;
  cert?: string;
  key?: string;
  /** Intermediates to send after the leaf (`-cert_chain`). */
  chainFile?: string;
  /** Written once the connection is up; the server is asked to close after answering. */
  path?: string;
}

export interface SClientResult {
  exitCode: number | null;
  output: string;
  /** The alert number openssl reports receiving (`SSL alert number 116`), if any. */
  alert?: number;
  /** The CA names of the server's CertificateRequest, or null when openssl says none were sent. */
  acceptableCaNames: string[] | null;
  /** The HTTP status line's code, when a response arrived. */
  httpStatus?: number;
}

/** Runs the real `openssl s_client` against 127.0.0.1:port and reads what it printed. */
export function runSClient(request: SClientRequest): Promise<SClientResult> {
  const args = [
    's_client',
    '-connect',
    `127.0.0.1:${request.port}`,
    `-tls1_${request.tls === '1.2' ? '2' : '3'}`,
  ];
  args.push('-CAfile', request.caFile, '-servername', 'localhost', '-ign_eof');
  if (request.cert !== undefined) args.push('-cert', request.cert);
  if (request.key !== undefined) args.push('-key', request.key);
  if (request.chainFile !== undefined) args.push('-cert_chain', request.chainFile);
  return new Promise((resolve) => {
    const child = spawn('openssl', args);
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')));
    const timer = setTimeout(() => child.kill(), 10_000);
    child.stdin.end(
      `GET ${request.path ?? '/healthcheck'} HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n`,
    );
    child.on('close', (exitCode) => {
      clearTimeout(timer);
      const alert = /SSL alert number (\d+)/.exec(output)?.[1];
      const httpStatus = /HTTP\/1\.1 (\d{3}) /.exec(output)?.[1];
      resolve({
        exitCode,
        output,
        ...(alert === undefined ? {} : { alert: Number(alert) }),
        acceptableCaNames: caNames(output),
        ...(httpStatus === undefined ? {} : { httpStatus: Number(httpStatus) }),
      });
    });
  });
}

function caNames(output: string): string[] | null {
  if (output.includes('No client certificate CA names sent')) return null;
  const section =
    /Acceptable client certificate CA names\n([\s\S]*?)\n(?:Requested Signature|Client Certificate Types|Shared Requested)/.exec(
      output,
    )?.[1];
  return section === undefined ? [] : section.split('\n').filter((line) => line.trim() !== '');
}
