import { reproduceCommand } from '../../report/reproduce-command.ts';
import { shellQuote } from '../../report/shell-quote.ts';
import type { PresentedIdentity } from '../resolve-presentation.ts';
import type { TargetContext } from '../target-context.ts';

/**
 * Commands that repeat an oauth exchange by hand, in the seed's form (`curl --request POST URL
 * --data-urlencode grant_type=client_credentials --data-urlencode client_id=tpp1 --cert tpp1.crt --key
 * tpp1.key`): file paths only, never a key, a passphrase or a token; a token is `$ACCESS_TOKEN`.
 */
export function reproduceFormPost(
  context: TargetContext,
  url: string,
  form: URLSearchParams,
  presented?: PresentedIdentity,
): string {
  const data = [...form].flatMap(([name, value]) => ['--data-urlencode', shellQuote(`${name}=${value}`)]);
  return [base(context, url, presented), '--request', 'POST', ...data].join(' ');
}

/** The resource request, after the token request that sets ACCESS_TOKEN (needs jq). */
export function reproduceResourceRequest(
  context: TargetContext,
  url: string,
  tokenCommand: string,
  presented?: PresentedIdentity,
): string {
  return [
    `ACCESS_TOKEN=$(${tokenCommand} | jq -r .access_token)`,
    `${base(context, url, presented)} --header "Authorization: Bearer $ACCESS_TOKEN"`,
  ].join('\n');
}

/** The token request, and the thumbprint its cnf must hold (RFC 8705 §3.1), computed by openssl. */
export function reproduceTokenBinding(tokenCommand: string, presented: PresentedIdentity): string {
  return [
    `${tokenCommand} | jq '.access_token | split(".")[1] | gsub("-"; "+") | gsub("_"; "/") | @base64d | fromjson | .cnf'`,
    thumbprintCommand(presented),
  ].join('\n');
}

export function reproduceGet(context: TargetContext, url: string, presented?: PresentedIdentity): string {
  return base(context, url, presented);
}

function base(context: TargetContext, url: string, presented: PresentedIdentity | undefined): string {
  return reproduceCommand({
    url,
    ...(presented?.files ?? {}),
    ...(context.serverTrust ? { caFile: context.serverTrust.file } : {}),
  });
}

/**
 * An opaque token's binding by hand: the token request, the introspection of `$ACCESS_TOKEN` (RFC 7662)
 * whose `cnf` must hold the certificate's thumbprint (RFC 8705 §3.2), and that thumbprint by openssl.
 */
export function reproduceIntrospection(
  context: TargetContext,
  url: string,
  tokenCommand: string,
  clientId: string,
  presented: PresentedIdentity,
  curlCredentials?: string,
): string {
  return [
    `ACCESS_TOKEN=$(${tokenCommand} | jq -r .access_token)`,
    [
      base(context, url, presented),
      ...(curlCredentials === undefined ? [] : [curlCredentials]),
      '--request POST',
      '--data-urlencode "token=$ACCESS_TOKEN"',
      '--data-urlencode',
      shellQuote(`client_id=${clientId}`),
      "| jq '{active, cnf}'",
    ].join(' '),
    thumbprintCommand(presented),
  ].join('\n');
}

function thumbprintCommand(presented: PresentedIdentity): string {
  return `openssl x509 -in ${shellQuote(presented.files.certFile)} -outform DER | openssl dgst -sha256 -binary | basenc --base64url | tr -d =`;
}
