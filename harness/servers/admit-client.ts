import type { CertificateSummary } from '../pki/certificate-summary.ts';
import type { ClientAuthMode } from './client-auth-mode.ts';
import type { NginxRefusal } from './nginx-error-page.ts';
import type { RefusalStage } from './refusal-stage.ts';
import type { ServerMisconfiguration } from './server-misconfiguration.ts';
import type { ClientKeyPolicy } from './certificate-policy-problems.ts';
import { findAllowedSubject } from './subject-allow-list.ts';
import { findSubjectBySubstring } from './substring-allow-list.ts';
import { onlyDateProblems, type ChainVerification } from './verify-client-chain.ts';

/** How a mock server judges clients. */
export interface AdmissionPolicy {
  clientAuth: ClientAuthMode;
  refusal: RefusalStage;
  misconfiguration?: ServerMisconfiguration | undefined;
  /** DN or SAN patterns (see findAllowedSubject); absent: any verified client. */
  allowedSubjects?: readonly string[] | undefined;
  /** The client keys and signatures accepted; see certificatePolicyProblems. */
  keyPolicy?: ClientKeyPolicy | undefined;
  /** The edge flaws that let a resumed session in without checking it (see EdgeFlaw). Default false. */
  trustsResumedSessions?: boolean | undefined;
}

/** What the client presented: the chain's summaries (leaf first, [] for none) and its verification. */
export interface PresentedClient {
  chain: readonly CertificateSummary[];
  /** Absent when the client presented no certificate. */
  verification?: ChainVerification | undefined;
  /**
   * Whether the connection resumed a session; its certificate, if any, is then the one the session was
   * made with (OpenSSL keeps it in the session), verified here again like a presented one.
   */
  resumed?: boolean | undefined;
  /** What certificatePolicyProblems found in the verified chain; absent or [] when nothing. */
  policyProblems?: readonly string[] | undefined;
}

export type Admission =
  | { verdict: 'accepted'; reason: string }
  | { verdict: 'rejected'; refusedAt: 'handshake'; reason: string }
  | { verdict: 'rejected'; refusedAt: 'http'; refusal: NginxRefusal; reason: string };

const noCertificateAlert =
  'refused the handshake with TLS alert handshake_failure (40) in TLS 1.2, certificate_required (116) in TLS 1.3';
const closedAfterHandshake =
  "closed the connection right after the handshake, without an alert, as Node's rejectUnauthorized does";

/** The server's decision once the handshake is done, before any request is read. Pure. */
export function admitClient(policy: AdmissionPolicy, client: PresentedClient): Admission {
  const leaf = client.chain[0];
  const verification = client.verification;
  if (policy.clientAuth === 'none') {
    return { verdict: 'accepted', reason: 'client authentication is off: no certificate was requested' };
  }
  if (client.resumed === true && policy.trustsResumedSessions === true) {
    const what = leaf === undefined ? 'no certificate' : `certificate ${describe(leaf)}`;
    return {
      verdict: 'accepted',
      reason: `let a resumed session in without checking it (made with ${what}; edge flaw: trusts resumed sessions)`,
    };
  }
  if (policy.misconfiguration === 'accept-any-certificate') {
    const what =
      leaf === undefined ? 'no client certificate' : `client certificate ${describe(leaf)} unverified`;
    return { verdict: 'accepted', reason: `accepted ${what} (misconfiguration accept-any-certificate)` };
  }
  if (leaf === undefined || verification === undefined) {
    if (policy.clientAuth === 'optional') {
      return {
        verdict: 'accepted',
        reason: 'no client certificate, which optional client authentication allows',
      };
    }
    return refuse(policy.refusal, 'no-certificate', 'no client certificate');
  }

  const problems = verification.problems.map((problem) => problem.message).join('; ');
  const datesIgnored = policy.misconfiguration === 'ignore-validity-dates' && onlyDateProblems(verification);
  if (!verification.trusted && !datesIgnored) {
    return refuse(
      policy.refusal,
      'certificate-error',
      `client certificate ${describe(leaf)} failed verification: ${problems}`,
    );
  }
  const policyProblems = client.policyProblems ?? [];
  if (policyProblems.length > 0 && policy.misconfiguration !== 'accept-weak-certificates') {
    return refuse(
      policy.refusal,
      'certificate-error',
      `client certificate ${describe(leaf)} chains to a trusted CA but ${policyProblems.join('; ')}`,
    );
  }
  const verified = verification.trusted
    ? `client certificate ${describe(leaf)} verified`
    : `client certificate ${describe(leaf)} accepted despite ${problems} (misconfiguration ignore-validity-dates)`;

  if (policy.allowedSubjects !== undefined) {
    const match =
      policy.misconfiguration === 'substring-allow-list'
        ? findSubjectBySubstring(leaf, policy.allowedSubjects)
        : findAllowedSubject(leaf, policy.allowedSubjects);
    if (match === undefined) {
      return refuse(
        policy.refusal,
        'forbidden',
        `${verified} but its subject and SANs match none of the allowed subjects`,
      );
    }
    return { verdict: 'accepted', reason: `${verified}; allowed as "${match}"` };
  }
  return { verdict: 'accepted', reason: verified };
}

function refuse(stage: RefusalStage, refusal: NginxRefusal, why: string): Admission {
  if (stage === 'handshake') {
    // A missing certificate never gets this far: OpenSSL fails the handshake itself (see refusal-stage.ts).
    const how = refusal === 'no-certificate' ? noCertificateAlert : closedAfterHandshake;
    return { verdict: 'rejected', refusedAt: 'handshake', reason: `${why}; ${how}` };
  }
  const answer =
    refusal === 'forbidden'
      ? '403 Forbidden'
      : refusal === 'no-certificate'
        ? '400 No required SSL certificate was sent'
        : '400 The SSL certificate error';
  return { verdict: 'rejected', refusedAt: 'http', refusal, reason: `${why}; answered ${answer}` };
}

/** `CN=tpp1.demo.axway.com issued by CN=Axway Root CA`: enough to tell fixtures apart in one line. */
function describe(certificate: CertificateSummary): string {
  return `${commonNameOf(certificate.subject)} issued by ${commonNameOf(certificate.issuer)}`;
}

function commonNameOf(dn: string): string {
  const commonName = /(?:^|, )CN=([^,]+)/.exec(dn)?.[1];
  return commonName === undefined ? dn : `CN=${commonName}`;
}
