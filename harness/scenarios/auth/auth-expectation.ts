import { acceptedIfRootTrusted, trustedIdentityRule } from '../trust-rules.ts';
import type { ExpectationRule, FixtureFacts, TargetDeclaration } from '../scenario.ts';
import type { AuthMode } from './auth-declaration.ts';
import { credentialsUserPresentation } from './credentials-user-certificate.ts';
import { chooseOtherUserCertificate } from './other-user-certificate.ts';

/** The cases of the auth set, each a column of the mode table in the README. */
export type AuthCase =
  | 'certificate-only'
  | 'credentials-only'
  | 'certificate-and-credentials'
  | 'neither'
  | 'wrong-credentials'
  | 'other-users-certificate';

type Cell = { expected: 'accepted' | 'rejected'; because: string };

// webMethods Integration, "Two-Way SSL Security modes" (seed 003), case by case.
const table: Record<AuthCase, Record<AuthMode, Cell>> = {
  'certificate-only': {
    exclusive: {
      expected: 'accepted',
      because: 'the certificate alone authenticates, validated against its user',
    },
    force: {
      expected: 'accepted',
      because: 'the certificate alone authenticates, validated against its user',
    },
    default: {
      expected: 'accepted',
      because: 'the certificate alone authenticates, validated against its user',
    },
  },
  'credentials-only': {
    exclusive: {
      expected: 'rejected',
      because:
        'exclusive allows only two-way TLS: a client without a certificate is refused at the TLS handshake',
    },
    force: {
      expected: 'rejected',
      because:
        'force lets one-way TLS through the handshake but the certificate is mandatory: the request is refused',
    },
    default: {
      expected: 'accepted',
      because: 'default takes credentials or a certificate: credentials alone suffice',
    },
  },
  'certificate-and-credentials': {
    exclusive: { expected: 'accepted', because: 'credentials and certificate both belong to the user' },
    force: { expected: 'accepted', because: 'credentials and certificate both belong to the user' },
    default: { expected: 'accepted', because: 'the credentials authenticate; the certificate is verified' },
  },
  neither: {
    exclusive: { expected: 'rejected', because: 'exclusive: no certificate fails the TLS handshake' },
    force: {
      expected: 'rejected',
      because: 'force: no certificate and no credentials, the request is refused',
    },
    default: { expected: 'rejected', because: 'default: neither credentials nor a certificate' },
  },
  'wrong-credentials': {
    exclusive: {
      expected: 'rejected',
      because: 'credentials sent are validated against the user in every mode',
    },
    force: { expected: 'rejected', because: 'credentials sent are validated against the user in every mode' },
    default: {
      expected: 'rejected',
      because: 'credentials sent are validated against the user in every mode',
    },
  },
  'other-users-certificate': {
    exclusive: {
      expected: 'rejected',
      because: "exclusive also validates the certificate against the credentials' user",
    },
    force: {
      expected: 'rejected',
      because: "force also validates the certificate against the credentials' user",
    },
    default: {
      expected: 'accepted',
      because:
        'default validates the credentials and only verifies a certificate sent with them, without matching it to the user (webMethods docs); override with scenarios.expect if your target matches it',
    },
  },
};

/**
 * What an auth case must give for the target's declared mode, presenting `presents`: the trusted
 * identity, the credentials' user's certificate (credentialsUserPresentation), another user's
 * (chooseOtherUserCertificate), or nothing. A certificate chosen for whose it is always passes the
 * target's TLS layer; where there is none the case is not judged (the CLI skips it, see
 * harness/cli/run-target-spec.ts; a run built in code reports it).
 */
export function authRule(
  target: TargetDeclaration,
  fixtures: FixtureFacts,
  authCase: AuthCase,
  presents: 'trusted-identity' | 'credentials-user' | 'other-user' | 'nothing',
): ExpectationRule {
  if (target.auth === undefined) {
    return { expected: 'informational', because: 'the target declares no auth block' };
  }
  const declared = { ...target, auth: target.auth };
  const cell = table[authCase][target.auth.mode];
  let whose = '';
  let certificate: ExpectationRule | undefined;
  if (presents === 'other-user') {
    const other = chooseOtherUserCertificate(declared);
    if (other.fixture === null) return { expected: 'informational', because: `not judged: ${other.why}` };
    whose = `${other.belongsTo}; `;
    certificate = acceptedIfRootTrusted(target, fixtures, other.fixture);
  } else if (presents === 'credentials-user') {
    const sent = authCase === 'wrong-credentials' ? authCase : 'certificate-and-credentials';
    const own = credentialsUserPresentation(declared, sent);
    if (own.presents === null) return { expected: 'informational', because: `not judged: ${own.why}` };
    whose = `${own.whose}; `;
    certificate =
      own.presents.kind === 'fixture'
        ? acceptedIfRootTrusted(target, fixtures, own.presents.fixture)
        : trustedIdentityRule(target, fixtures);
  } else if (presents === 'trusted-identity') {
    certificate = trustedIdentityRule(target, fixtures);
  }
  // A certificate the target does not trust is refused by the TLS layer before any credential counts.
  if (certificate?.expected === 'rejected') {
    return { expected: 'rejected', because: `${certificate.because}: refused whatever the credentials` };
  }
  return { expected: cell.expected, because: `${target.auth.mode} mode: ${whose}${cell.because}` };
}

/** The mode table in one line for `mtls-conformance scenarios`: exclusive / force / default. */
export function describeAuthCase(authCase: AuthCase): string {
  const row = table[authCase];
  return `exclusive ${row.exclusive.expected}, force ${row.force.expected}, default ${row.default.expected}`;
}
