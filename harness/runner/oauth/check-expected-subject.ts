import type { CertificateSummary } from '../../pki/certificate-summary.ts';
import type { OAuthDeclaration } from '../../scenarios/oauth/oauth-declaration.ts';
import { findAllowedSubject } from '../../servers/subject-allow-list.ts';
import { fail, type Judgement } from '../judgement.ts';

/**
 * `oauth.expectedSubject` against the certificate the registered client presents, on every run: the
 * declaration says which subject the client is registered with (RFC 8705 §2.1.2), so a certificate that
 * does not carry it is a mistake of the config or of the identity, never passed over. A match is said
 * in the reason; a mismatch fails token-with-registered-cert whatever the server answered (a token
 * issued to it means the server does not compare the registered subject, or the declaration is wrong).
 */
export function checkExpectedSubject(
  judgement: Judgement,
  oauth: OAuthDeclaration,
  presented: { label: string; certificate: CertificateSummary },
): Judgement {
  const subject = oauth.expectedSubject;
  if (oauth.authMethod !== 'tls_client_auth' || subject === undefined) return judgement;
  const match = findAllowedSubject(presented.certificate, [subject]);
  if (match !== undefined) {
    if (judgement.verdict !== 'pass') return judgement;
    const where = subject.includes('=') ? 'the subject DN' : 'a SAN';
    return {
      ...judgement,
      reason: `${judgement.reason}; oauth.expectedSubject "${subject}" is ${where} of ${presented.label}'s certificate`,
    };
  }
  const mismatch = `oauth.expectedSubject "${subject}" matches neither the subject nor a SAN of ${presented.label}'s certificate`;
  if (judgement.verdict === 'fail') return { ...judgement, reason: `${judgement.reason}; note: ${mismatch}` };
  return fail(
    `${judgement.reason}, but ${mismatch} (subject ${presented.certificate.subject}): the token went to a certificate without the subject the client is declared to be registered with; correct oauth.expectedSubject, or the registration`,
  );
}
