import type { ConfigProblem } from './config-problem.ts';
import type { TargetEntry } from './config-types.ts';
import { describeValue } from './describe-value.ts';
import { ownTokenParameters } from '../scenarios/oauth/oauth-declaration.ts';

type Entry = Partial<Record<keyof TargetEntry, unknown>>;
type At = (...path: (string | number)[]) => (string | number)[];

/** Providers an oauth target can have: your token endpoint, or the built-in mock authorization server. */
const oauthProviders = ['url', 'mock'];

/**
 * What the schema cannot say about the `oauth:` block: it goes with suite oauth, which needs it unless
 * the mock authorization server supplies the defaults; `expectedSubject` is for tls_client_auth; the
 * resource and metadata are https URLs or paths on the token endpoint's origin.
 */
export function oauthTargetProblems(target: Entry, at: At): ConfigProblem[] {
  const suite = target.suite ?? 'server';
  const provider = target.provider ?? 'url';
  if (suite !== 'oauth') {
    return target.oauth === undefined
      ? []
      : [
          {
            path: at('oauth'),
            message: `only used with suite oauth, but suite is ${typeof suite === 'string' ? suite : describeValue(suite)}; set suite: oauth or remove oauth`,
          },
        ];
  }
  const problems: ConfigProblem[] = [];
  if (typeof provider === 'string' && !oauthProviders.includes(provider)) {
    problems.push({
      path: at('provider'),
      message: `${provider} cannot be an authorization server; suite oauth runs against provider url (your token endpoint) or mock (the built-in one)`,
    });
  }
  if (provider === 'mock' && target.mock !== undefined) {
    problems.push({
      path: at('mock'),
      message:
        'not used with suite oauth: the mock authorization server asks for a certificate without insisting (WSO2\'s clientAuth="want") and refuses at the token endpoint; remove mock',
    });
  }
  if (target.oauth === undefined && provider === 'url') {
    problems.push({
      path: at('oauth'),
      message:
        'missing; suite oauth needs the client registered for the trusted identity: oauth: { clientId: tpp1, authMethod: tls_client_auth }',
    });
  }
  const oauth = target.oauth;
  if (typeof oauth !== 'object' || oauth === null) return problems;
  const block = oauth as Record<string, unknown>;
  if (block.expectedSubject !== undefined && block.authMethod === 'self_signed_tls_client_auth') {
    problems.push({
      path: at('oauth', 'expectedSubject'),
      message:
        'only used with authMethod tls_client_auth; self_signed_tls_client_auth compares the whole certificate, so remove it',
    });
  }
  const parameters = block.tokenParameters;
  if (typeof parameters === 'object' && parameters !== null) {
    for (const name of Object.keys(parameters).filter((key) => ownTokenParameters.includes(key))) {
      problems.push({
        path: at('oauth', 'tokenParameters', name),
        message: `${name} is set by the suite itself; ${name === 'scope' ? 'use oauth.scope' : 'remove it'}`,
      });
    }
  }
  const introspection = block.introspection;
  const introspectionUrl =
    typeof introspection === 'object' && introspection !== null
      ? (introspection as Record<string, unknown>).url
      : undefined;
  if (
    typeof introspectionUrl === 'string' &&
    !introspectionUrl.startsWith('/') &&
    !isHttpsUrl(introspectionUrl)
  ) {
    problems.push({
      path: at('oauth', 'introspection', 'url'),
      message: `${JSON.stringify(introspectionUrl)} is neither an https:// URL nor a path starting with / (resolved against the token endpoint's origin)`,
    });
  }
  for (const field of ['resourceUrl', 'metadataUrl']) {
    const value = block[field];
    if (typeof value === 'string' && !value.startsWith('/') && !isHttpsUrl(value)) {
      problems.push({
        path: at('oauth', field),
        message: `${JSON.stringify(value)} is neither an https:// URL nor a path starting with / (resolved against the token endpoint's origin)`,
      });
    }
  }
  return problems;
}

function isHttpsUrl(value: string): boolean {
  try {
    return new URL(value).protocol === 'https:';
  } catch {
    return false;
  }
}
