import type { ClientPresentation } from '../client-presentation.ts';
import { acceptedIfRootTrusted, trustedIdentityRule } from '../trust-rules.ts';
import type { ExpectationRule, FixtureFacts, TargetDeclaration } from '../scenario.ts';
import type { AuthMode } from './auth-declaration.ts';
import type { AuthCase } from './auth-presentation.ts';
import { authPresentationsOf } from './choose-auth-presentations.ts';

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
 * What an auth case must give for the target's declared mode, presenting what the target's choice
 * (authPresentationsOf) gives that case: the mode table's cell, unless the certificate is one the target
 * does not trust (refused by the TLS layer whatever the credentials). Where the choice gives nothing to
 * present the case is not judged (the planner skips it with the same reason).
 */
export function authRule(
  target: TargetDeclaration,
  fixtures: FixtureFacts,
  authCase: AuthCase,
): ExpectationRule {
  if (target.auth === undefined) {
    return { expected: 'informational', because: 'the target declares no auth block' };
  }
  const chosen = authPresentationsOf({ ...target, auth: target.auth })[authCase];
  if (chosen.presents === null) return { expected: 'informational', because: `not judged: ${chosen.why}` };
  // A certificate the target does not trust is refused by the TLS layer before any credential counts.
  const certificate = certificateRule(chosen.presents, target, fixtures);
  if (certificate?.expected === 'rejected') {
    return { expected: 'rejected', because: `${certificate.because}: refused whatever the credentials` };
  }
  const cell = table[authCase][target.auth.mode];
  const whose = chosen.whose === '' ? '' : `${chosen.whose}; `;
  return { expected: cell.expected, because: `${target.auth.mode} mode: ${whose}${cell.because}` };
}

/** What the target's TLS layer should do with the certificate presented, or undefined for none. */
function certificateRule(
  presents: ClientPresentation,
  target: TargetDeclaration,
  fixtures: FixtureFacts,
): ExpectationRule | undefined {
  switch (presents.kind) {
    case 'nothing':
      return undefined;
    case 'trusted-identity':
      return trustedIdentityRule(target, fixtures);
    case 'fixture':
      return acceptedIfRootTrusted(target, fixtures, presents.fixture);
  }
}

/** The mode table in one line for `mtls-conformance scenarios`: exclusive / force / default. */
export function describeAuthCase(authCase: AuthCase): string {
  const row = table[authCase];
  return `exclusive ${row.exclusive.expected}, force ${row.force.expected}, default ${row.default.expected}`;
}
