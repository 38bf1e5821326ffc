import type { ForwardedCertificate } from '../../../pki/decode-forwarded-certificate.ts';
import type { BackendDeclaration } from '../../../scenarios/backend/backend-declaration.ts';
import type { ReceivedHeader, ReceivedIdentity } from './received-identity.ts';

/** The certificates a probe presented, by SHA-256, for comparing with what the backend received. */
export interface PresentedCertificates {
  /** `tpp1`, `rogue`, or the file name of the target's own identity. */
  label: string;
  leaf: string;
  /** The intermediates sent after the leaf. */
  chain: readonly string[];
}

/**
 * Why the backend did not receive exactly the presented identity: one line of the certificate header
 * whose first certificate is the presented leaf (any others being its presented chain), chain header
 * lines holding only presented intermediates, one verify line with the verified value, and no
 * look-alike names. Empty when it did.
 */
export function problemsWithExactIdentity(
  identity: ReceivedIdentity,
  presented: PresentedCertificates,
  backend: BackendDeclaration,
): string[] {
  const { cert, verify } = backend.headers;
  const problems: string[] = [];
  if (identity.cert.length === 0) {
    problems.push(`the backend received no ${cert}`);
  } else if (identity.cert.length > 1) {
    problems.push(
      `the backend received ${identity.cert.length} ${cert} lines (${describeLines(identity.cert, presented)})`,
    );
  } else {
    const [line] = identity.cert;
    const decoded = line!.decoded;
    if (decoded === undefined || !decoded.ok) {
      problems.push(
        `${cert} is not ${backend.format}: ${decoded?.ok === false ? decoded.problem : 'not decoded'}`,
      );
    } else {
      const [leaf, ...rest] = decoded.certificates;
      if (leaf === undefined) problems.push(`${cert} holds no certificate`);
      else if (leaf.fingerprintSha256 !== presented.leaf) {
        problems.push(`${cert} carries ${describeCertificate(leaf)}, not ${presented.label}'s certificate`);
      }
      problems.push(...notPresented(rest, presented, cert));
    }
  }
  for (const line of identity.chain) {
    if (line.decoded?.ok === false)
      problems.push(`${line.name} is not ${backend.format}: ${line.decoded.problem}`);
    else problems.push(...notPresented(line.decoded?.certificates ?? [], presented, line.name));
  }
  if (verify !== undefined) {
    const values = identity.verify.map((line) => line.value);
    if (values.length !== 1 || !isVerified(values[0]!, backend)) {
      problems.push(
        values.length === 0
          ? `the backend received no ${verify}`
          : `${verify} is ${values.map((value) => JSON.stringify(shorten(value))).join(' and ')}, where one ${JSON.stringify(backend.verifiedValue)} belongs`,
      );
    }
  }
  problems.push(...lookalikeProblems(identity));
  return problems;
}

/**
 * Why the backend received an identity it must not have for a client that presented no certificate,
 * or one the gateway did not verify (`presented`): the verified value in any verify line, a
 * certificate in the certificate or chain header (the presented one only with a verify line that says
 * it failed), or a look-alike name. Empty when it received none.
 */
export function problemsWithUnverifiedIdentity(
  identity: ReceivedIdentity,
  presented: PresentedCertificates | undefined,
  backend: BackendDeclaration,
): string[] {
  const { verify } = backend.headers;
  const problems: string[] = [];
  const verified = identity.verify.filter((line) => isVerified(line.value, backend));
  if (verified.length > 0) {
    const whose =
      presented === undefined
        ? 'a client that presented no certificate'
        : `${presented.label}, which the target does not trust`;
    problems.push(`the backend received ${verify}: ${backend.verifiedValue} for ${whose}`);
  }
  const failedVerifyLine =
    identity.verify.length > 0 && identity.verify.every((line) => !isVerified(line.value, backend));
  for (const line of [...identity.cert, ...identity.chain]) {
    if (line.value.trim() === '') continue;
    if (line.decoded?.ok !== true) {
      problems.push(
        `the backend received ${line.name} ${JSON.stringify(shorten(line.value))}, which the client wrote`,
      );
      continue;
    }
    for (const certificate of line.decoded.certificates) {
      const own =
        presented !== undefined &&
        [presented.leaf, ...presented.chain].includes(certificate.fingerprintSha256);
      if (own && failedVerifyLine) continue;
      problems.push(
        own
          ? `the backend received ${presented.label}'s unverified certificate in ${line.name} with nothing saying it failed verification${verify === undefined ? ' (no verify header is declared)' : ''}`
          : `the backend received ${describeCertificate(certificate)} in ${line.name}, which the client did not present: it wrote the header itself`,
      );
    }
  }
  problems.push(...lookalikeProblems(identity));
  return problems;
}

/** The verify header says "verified": the declared value, compared without case or surrounding space. */
export function isVerified(value: string, backend: BackendDeclaration): boolean {
  return value.trim().toLowerCase() === backend.verifiedValue.toLowerCase();
}

function notPresented(
  certificates: readonly ForwardedCertificate[],
  presented: PresentedCertificates,
  header: string,
): string[] {
  return certificates
    .filter(
      (certificate) =>
        !presented.chain.includes(certificate.fingerprintSha256) &&
        certificate.fingerprintSha256 !== presented.leaf,
    )
    .map(
      (certificate) =>
        `${header} also carries ${describeCertificate(certificate)}, which the client did not present`,
    );
}

function lookalikeProblems(identity: ReceivedIdentity): string[] {
  return identity.lookalikes.map(
    (line) =>
      `the backend received ${line.name}, which CGI, WSGI, PHP and Rack read as the declared header (they turn - and _ alike into HTTP_${line.name.toUpperCase().replaceAll('-', '_')})`,
  );
}

function describeLines(lines: readonly ReceivedHeader[], presented: PresentedCertificates): string {
  return lines
    .map((line) => {
      if (line.decoded?.ok !== true) return JSON.stringify(shorten(line.value));
      const [leaf] = line.decoded.certificates;
      if (leaf === undefined) return 'no certificate';
      return leaf.fingerprintSha256 === presented.leaf
        ? `${presented.label}'s certificate`
        : describeCertificate(leaf);
    })
    .join('; ');
}

/** `CN=tpp3.demo.axway.com (SHA-256 1A:2B:…)`. */
export function describeCertificate(certificate: ForwardedCertificate): string {
  const subject = certificate.subject ?? 'a certificate';
  const cn = /(?:^|, )CN=([^,]+)/.exec(subject)?.[1];
  return `${cn === undefined ? subject : `CN=${cn}`} (SHA-256 ${certificate.fingerprintSha256.slice(0, 23)}…)`;
}

export function shorten(value: string, max = 80): string {
  return value.length <= max ? value : `${value.slice(0, max)}… (${value.length} bytes)`;
}
