import type { ReproduceHeader } from '../../../report/reproduce-command.ts';
import { shellQuote } from '../../../report/shell-quote.ts';
import { REQUEST_ID_HEADER } from '../../../scenarios/backend/backend-declaration.ts';
import type { TargetContext } from '../../target-context.ts';
import { reproduceFor } from '../reproduce-for.ts';
import type { BackendExchange } from './backend-exchange.ts';

/**
 * The command that repeats one exchange by hand: curl with a `-H` per header line the probe sent; for
 * a folded (obs-fold) value, which curl cannot send, the raw request piped into openssl s_client.
 */
export function reproduceExchange(context: TargetContext, exchange: BackendExchange): string {
  const lines: (readonly [string, string])[] = [[REQUEST_ID_HEADER, exchange.requestId], ...exchange.forged];
  if (lines.some(([, value]) => value.includes('\r\n'))) return rawRequestCommand(context, exchange, lines);
  const headers: ReproduceHeader[] = lines.map(([name, value]) => ({
    name,
    value,
    // A run of one character (the oversized value) is written as the command that prints it.
    ...(value.length > 200 && /^(.)\1*$/.test(value)
      ? { valueShell: `$(head -c ${value.length} /dev/zero | tr '\\0' ${value[0]})` }
      : {}),
  }));
  return reproduceFor(context, exchange.presented, undefined, { url: exchange.url, headers });
}

function rawRequestCommand(
  context: TargetContext,
  exchange: BackendExchange,
  lines: readonly (readonly [string, string])[],
): string {
  const url = new URL(exchange.url);
  const requestLines = [
    `GET ${url.pathname}${url.search} HTTP/1.1`,
    `Host: ${url.host}`,
    ...lines.flatMap(([name, value]) => `${name}: ${value}`.split('\r\n')),
    'Connection: close',
    '',
  ];
  const printf = `printf '%s\\r\\n' ${requestLines.map((line) => shellQuote(line)).join(' ')}`;
  const connect = reproduceFor(context, exchange.presented, undefined, {
    url: `tls://${url.hostname}:${url.port || '443'}`,
  });
  return `${printf} | ${connect} -quiet`;
}
