import { X509Certificate } from 'node:crypto';
import { summarizeCertificate } from './certificate-summary.ts';
import type { ForwardedCertificateFormat } from './forwarded-certificate-format.ts';
import { parseXfcc } from './parse-xfcc.ts';
import { parseByteSequenceItem, parseByteSequenceList } from './structured-field-binary.ts';

/** A certificate read back from a header: its subject (when the value carries it) and fingerprint. */
export interface ForwardedCertificate {
  /** Subject DN as reports show it; for an XFCC element without `Cert=`, its `Subject=` as written. */
  subject?: string;
  /** SHA-256 of the DER certificate, upper-case hex pairs joined by colons, as openssl prints it. */
  fingerprintSha256: string;
}

/** What one header value decoded to: the certificates in it (leaf first), or why it decodes to none. */
export type DecodedHeaderValue =
  { ok: true; certificates: ForwardedCertificate[] } | { ok: false; problem: string };

/**
 * Reads the certificates out of one header value written in `format`; `role: 'chain'` reads RFC 9440's
 * `Client-Cert-Chain` (a List) rather than `Client-Cert` (one Item). Never throws: a value that is
 * not the format (garbage a client sent, a header mangled on its way) says why.
 */
export function decodeForwardedCertificate(
  format: ForwardedCertificateFormat,
  value: string,
  role: 'cert' | 'chain' = 'cert',
): DecodedHeaderValue {
  switch (format) {
    case 'pem-urlencoded':
      return decodePemUrlencoded(value);
    case 'pem':
      return decodeLoosePem(value);
    case 'der-base64':
      return decodeDerBase64List(value);
    case 'xfcc':
      return decodeXfcc(value);
    case 'rfc9440': {
      if (role === 'chain') {
        const list = parseByteSequenceList(value);
        return list.ok ? fromDerList(list.items) : { ok: false, problem: `not RFC 9440: ${list.problem}` };
      }
      const item = parseByteSequenceItem(value);
      return item.ok ? fromDerList([item.bytes]) : { ok: false, problem: `not RFC 9440: ${item.problem}` };
    }
  }
}

function decodePemUrlencoded(value: string): DecodedHeaderValue {
  let pem: string;
  try {
    pem = decodeURIComponent(value);
  } catch {
    return { ok: false, problem: 'not percent-encoded: a % is not followed by two hex digits' };
  }
  return decodeLoosePem(pem);
}

// PEM whose line breaks were kept, removed, or replaced by spaces or tabs: the base64 between the
// armour lines is read with all white space dropped.
const pemCertificate = /-----BEGIN CERTIFICATE-----([^-]*)-----END CERTIFICATE-----/g;

function decodeLoosePem(text: string): DecodedHeaderValue {
  const bodies = [...text.matchAll(pemCertificate)].map((match) => (match[1] ?? '').replace(/\s+/g, ''));
  if (bodies.length === 0)
    return { ok: false, problem: 'holds no PEM certificate (-----BEGIN CERTIFICATE-----)' };
  const ders: Buffer[] = [];
  for (const body of bodies) {
    const der = strictBase64(body);
    if (der === undefined) return { ok: false, problem: 'a PEM block is not base64' };
    ders.push(der);
  }
  return fromDerList(ders);
}

// Traefik joins a chain with commas and percent-encodes each member; Azure sends one plain member.
function decodeDerBase64List(value: string): DecodedHeaderValue {
  const members = value.split(',').map((member) => member.trim());
  const ders: Buffer[] = [];
  for (const member of members) {
    let text = member;
    if (text.includes('%')) {
      try {
        text = decodeURIComponent(text);
      } catch {
        return { ok: false, problem: 'not percent-encoded: a % is not followed by two hex digits' };
      }
    }
    const der = strictBase64(text.replace(/\s+/g, ''));
    if (der === undefined) return { ok: false, problem: 'not base64 of a DER certificate' };
    ders.push(der);
  }
  return fromDerList(ders);
}

function decodeXfcc(value: string): DecodedHeaderValue {
  const parsed = parseXfcc(value);
  if (!parsed.ok) return { ok: false, problem: `not XFCC: ${parsed.problem}` };
  const certificates: ForwardedCertificate[] = [];
  for (const element of parsed.elements) {
    const cert = element.get('cert');
    if (cert !== undefined && cert !== '') {
      const decoded = decodePemUrlencoded(cert);
      if (!decoded.ok) return { ok: false, problem: `XFCC Cert= ${decoded.problem}` };
      certificates.push(...decoded.certificates.slice(0, 1));
      continue;
    }
    const hash = element.get('hash');
    if (hash === undefined || !/^[0-9a-fA-F]{64}$/.test(hash)) {
      return { ok: false, problem: 'an XFCC element has neither Cert= nor a SHA-256 Hash=' };
    }
    const subject = element.get('subject');
    certificates.push({
      fingerprintSha256: hash.toUpperCase().replace(/(..)(?!$)/g, '$1:'),
      ...(subject === undefined ? {} : { subject }),
    });
  }
  return { ok: true, certificates };
}

function fromDerList(ders: readonly Buffer[]): DecodedHeaderValue {
  const certificates: ForwardedCertificate[] = [];
  for (const der of ders) {
    let x509: X509Certificate;
    try {
      x509 = new X509Certificate(der);
    } catch {
      return { ok: false, problem: 'decodes to bytes that are not an X.509 certificate' };
    }
    const summary = summarizeCertificate(x509);
    certificates.push({ subject: summary.subject, fingerprintSha256: summary.fingerprintSha256 });
  }
  return { ok: true, certificates };
}

// Buffer.from(text, 'base64') skips what is not base64; a header value must be nothing else.
function strictBase64(text: string): Buffer | undefined {
  if (text === '' || !/^[A-Za-z0-9+/]+={0,2}$/.test(text) || text.length % 4 === 1) return undefined;
  return Buffer.from(text, 'base64');
}
