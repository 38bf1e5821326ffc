import { ownTokenParameters, type OAuthDeclaration } from '../../scenarios/oauth/oauth-declaration.ts';
import type { PresentedIdentity } from '../resolve-presentation.ts';
import type { ProbeOptions } from '../../probe/probe-options.ts';
import type { TargetContext } from '../target-context.ts';

// Token responses and metadata documents run to a few KB; the probe's default keeps 4096 bytes.
const maxBodyBytes = 64 * 1024;

/**
 * The form of an RFC 6749 §4.4.2 client_credentials request with RFC 8705 §2's client_id, and the
 * declared extra parameters (RFC 8707 `resource`, which some servers need to issue a token at all).
 */
export function tokenRequestForm(oauth: OAuthDeclaration): URLSearchParams {
  return new URLSearchParams({
    grant_type: 'client_credentials',
    client_id: oauth.clientId,
    ...(oauth.scope === undefined ? {} : { scope: oauth.scope }),
    // The suite's own parameters win: a config check refuses them in tokenParameters anyway.
    ...Object.fromEntries(
      Object.entries(oauth.tokenParameters ?? {}).filter(([name]) => !ownTokenParameters.includes(name)),
    ),
  });
}

/** A POST of `form` to `url`, as RFC 6749 §3.2 and RFC 7662 §2.1 have clients send it; `authorization` for RFC 7662's other client authentication. */
export function formPost(
  context: TargetContext,
  url: string,
  form: URLSearchParams,
  presented?: PresentedIdentity,
  authorization?: string,
): ProbeOptions {
  return {
    ...connection(context, url, presented),
    method: 'POST',
    headers: {
      'Content-Type': 'application/x-www-form-urlencoded',
      Accept: 'application/json',
      ...(authorization === undefined ? {} : { Authorization: authorization }),
    },
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
