import type { ConfigProblem } from './config-problem.ts';
import type { TargetEntry } from './config-types.ts';
import { describeValue } from './describe-value.ts';

type Entry = Partial<Record<keyof TargetEntry, unknown>>;
type At = (...path: (string | number)[]) => (string | number)[];

/**
 * What the schema cannot say about the `auth:` block: it gives basic or bearer credentials (one of
 * them), belongs to a server-suite target, and needs an HTTP URL, since credentials travel in a request.
 * Its `credentialsUser` is one of `users`: a misspelt name would make the user's own certificate count
 * as another user's.
 */
export function authTargetProblems(target: Entry, at: At): ConfigProblem[] {
  const auth = target.auth;
  if (!isRecord(auth)) return [];
  const problems: ConfigProblem[] = [];
  const suite = target.suite ?? 'server';
  if (suite !== 'server') {
    problems.push({
      path: at('auth'),
      message: `only used with suite server, but suite is ${typeof suite === 'string' ? suite : describeValue(suite)}; remove auth or set suite: server`,
    });
  }
  if (auth.basic === undefined && auth.bearer === undefined) {
    problems.push({
      path: at('auth'),
      message: 'gives no credentials; add basic: { userEnv, passwordEnv } or bearer: { tokenEnv }',
    });
  } else if (auth.basic !== undefined && auth.bearer !== undefined) {
    problems.push({ path: at('auth', 'bearer'), message: 'give basic or bearer, not both; remove one' });
  }
  problems.push(...credentialsUserProblems(auth, at));
  if (typeof target.url === 'string' && target.url.startsWith('tls://')) {
    problems.push({
      path: at('url'),
      message:
        'is a tls:// URL (handshake only), but auth sends HTTP credentials; give the https:// URL of the API',
    });
  }
  return problems;
}

function credentialsUserProblems(auth: Record<string, unknown>, at: At): ConfigProblem[] {
  const named = auth.credentialsUser;
  if (typeof named !== 'string' || !Array.isArray(auth.users) || auth.users.length === 0) return [];
  const users = [
    ...new Set(
      auth.users.flatMap((entry) => (isRecord(entry) && typeof entry.user === 'string' ? [entry.user] : [])),
    ),
  ];
  if (users.includes(named)) return [];
  return [
    {
      path: at('auth', 'credentialsUser'),
      message: `${describeValue(named)} is not a user of auth.users; give one of ${users.join(', ')}, or add its certificate to users`,
    },
  ];
}

const keystoreFields = ['storePasswordEnv', 'keyPasswordEnv', 'alias'] as const;

/**
 * A `keystore:` identity: not mixed with the PEM or PKCS#12 fields, and with its store password's
 * variable. Fields of a keystore given without one are named too.
 */
export function keystoreIdentityProblems(identity: Record<string, unknown>, at: At): ConfigProblem[] {
  if (identity.keystore === undefined) {
    return keystoreFields
      .filter((field) => identity[field] !== undefined)
      .map((field) => ({
        path: at('identity', field),
        message: 'only used with keystore (a Java keystore); remove it, or give keystore',
      }));
  }
  const problems: ConfigProblem[] = [];
  for (const field of ['cert', 'key', 'chain', 'p12', 'passphraseEnv'] as const) {
    if (identity[field] !== undefined) {
      problems.push({
        path: at('identity', field),
        message: `not used with keystore; give cert and key, or p12, or keystore, one of them`,
      });
    }
  }
  if (identity.storePasswordEnv === undefined) {
    problems.push({
      path: at('identity', 'storePasswordEnv'),
      message:
        'missing; keystore needs the name of the environment variable that holds its store password (e.g. storePasswordEnv: CLIENT_JKS_PASS)',
    });
  }
  return problems;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
