import { describeIssuedBy } from '../../pki/describe-issued-by.ts';
import type { ConnectionRecord } from '../../servers/connection-record.ts';
import { describeConnectionEnding } from '../../servers/connection-ending.ts';

/**
 * `1 connection: presented no certificate; the client sent TLS alert unknown_ca (48) after the
 * server's certificate, …`: the count, then the deciding connection (the one given, else the first
 * that sent a request, else the first that presented a certificate, else the first).
 */
export function describeConnections(
  records: readonly ConnectionRecord[],
  deciding: ConnectionRecord | undefined = records.find((record) => record.requests.length > 0) ??
    records.find((record) => record.clientChain.length > 0),
): string {
  const shown = deciding ?? records[0];
  if (!shown) return 'no connection';
  const count = records.length === 1 ? '1 connection' : `${records.length} connections`;
  const what =
    shown.requests.length > 0
      ? `sent ${shown.requests.map((sent) => `${sent.method} ${sent.path} → ${sent.status}`).join(', ')}`
      : connectionEnd(shown);
  return `${count}: ${presentedPart(shown)}; ${what}`;
}

/**
 * How a connection without a request ended. The server's refusal is said in its own words (`no TLS
 * version in common with the client; …`); otherwise how the connection ended and how far the
 * handshake had got, as the server saw it.
 */
export function connectionEnd(record: ConnectionRecord): string {
  if (record.verdict === 'rejected') return record.reason;
  const ended = record.ended;
  if (ended === undefined) return record.reason;
  const line = describeConnectionEnding(ended);
  return ended.handshake === 'complete' && record.requests.length === 0
    ? `${line}, without sending a request`
    : line;
}

export function presentedPart(record: ConnectionRecord): string {
  const leaf = record.clientChain[0];
  return leaf ? `presented ${describeIssuedBy(leaf)}` : 'presented no certificate';
}
