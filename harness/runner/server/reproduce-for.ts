import type { SecureVersion } from 'node:tls';
import { reproduceCommand, type ReproduceHeader } from '../../report/reproduce-command.ts';
import type { PresentedIdentity } from '../resolve-presentation.ts';
import type { TargetContext } from '../target-context.ts';

/**
 * The command that repeats one probe of a scenario by hand (curl or openssl s_client), with the
 * presented identity's files, the server CA when it is PEM, and the TLS version pinned; `request`
 * points it at another URL of the target, with headers, or makes it an s_client one (`tlsOnly`).
 */
export function reproduceFor(
  context: TargetContext,
  presented: PresentedIdentity | undefined,
  version: SecureVersion | undefined,
  request: { url?: string; headers?: readonly ReproduceHeader[]; tlsOnly?: boolean } = {},
): string {
  const { setup, ...files } = presented?.files ?? {};
  // curl's --cacert takes PEM only: a Java truststore is left out (the server is then not verified).
  const pemTrust = context.serverTrust && (context.serverTrust.format ?? 'PEM') === 'PEM';
  const command = reproduceCommand({
    url: request.url ?? context.declaration.url,
    ...(request.headers ? { headers: request.headers } : {}),
    ...(request.tlsOnly ? { tlsOnly: true } : {}),
    ...files,
    ...(pemTrust && context.serverTrust ? { caFile: context.serverTrust.file } : {}),
    ...(version ? { tlsVersion: toCurlVersion(version) } : {}),
  });
  return setup === undefined ? command : `${setup} && ${command}`;
}

function toCurlVersion(version: SecureVersion): '1.0' | '1.1' | '1.2' | '1.3' {
  return ({ TLSv1: '1.0', 'TLSv1.1': '1.1', 'TLSv1.2': '1.2', 'TLSv1.3': '1.3' } as const)[version];
}
