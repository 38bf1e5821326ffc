import type { OAuthDeclaration } from '../../scenarios/oauth/oauth-declaration.ts';
import type { PresentedIdentity } from '../resolve-presentation.ts';
import type { ProbeOptions } from '../../probe/probe-options.ts';
import type { TargetContext } from '../target-context.ts';

// Token responses and metadata documents run to a few KB; the probe's default keeps 4096 bytes.
const maxBodyBytes = 64 * 1024;

/** The form of an RFC 6749 §4.4.2 client_credentials request with RFC 8705 §2's client_id. */
export function tokenRequestForm(oauth: OAuthDeclaration): URLSearchParams {
  return new URLSearchParams({
    grant_type: 'client_credentials',
    client_id: oauth.clientId,
    ...(oauth.scope === undefined ? {} : { scope: oauth.scope }),
  });
}

/** A POST of `form` to `url`, as RFC 6749 §3.2 and RFC 7662 §2.1 have clients send it. */
export function formPost(
  context: TargetContext,
  url: string,
  form: URLSearchParams,
  presented?: PresentedIdentity,
): ProbeOptions {
  return {
    ...connection(context, url, presented),
    method: 'POST',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded', Accept: 'application/json' },
    body: form.toString(),
  };
}

/** A GET of the protected resource with the token in the Authorization header (RFC 6750 §2.1). */
export function resourceRequest(
  context: TargetContext,
  url: string,
  accessToken: string,
  presented?: PresentedIdentity,
): ProbeOptions {
  return { ...connection(context, url, presented), headers: { Authorization: `Bearer ${accessToken}` } };
}

/** A GET of a JSON document (the metadata). */
export function documentRequest(
  context: TargetContext,
  url: string,
  presented?: PresentedIdentity,
): ProbeOptions {
  return { ...connection(context, url, presented), headers: { Accept: 'application/json' } };
}

function connection(
  context: TargetContext,
  url: string,
  presented: PresentedIdentity | undefined,
): ProbeOptions {
  return {
    url,
    ...(presented ? { identity: presented.identity } : {}),
    ...(context.serverTrust ? { serverTrustPem: context.serverTrust.pem } : {}),
    ...(context.servername ? { servername: context.servername } : {}),
    timeouts: context.timeouts,
    maxBodyBytes,
  };
}
