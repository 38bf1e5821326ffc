import forge from 'node-forge';
import { issueCertificate } from './issue-certificate.ts';
import { generateIdentityKeyPair, type IdentityKeyPair } from './identity-key-pair.ts';
import { needsAsn1Path } from './needs-asn1-path.ts';
import type { ResolvedFixtureSpec, ResolvedIdentity } from './validate-fixture-spec.ts';

/** One identity of a set, made in memory. */
export interface BuiltIdentity {
  identity: ResolvedIdentity;
  keyPair: IdentityKeyPair;
  /**
   * The forge form, for identities the forge path made (RSA, SHA-256, no policy fields); null for the
   * ones sign-certificate.ts made, which forge cannot parse.
   */
  certificate: forge.pki.Certificate | null;
  certificatePem: string;
  /** Intermediate CAs between this certificate and its root, the issuer first, PEM each. */
  intermediatePems: string[];
}

/**
 * Starts making every key and certificate of a spec and returns each identity's promise, so a caller
 * can work on one (e.g. build its keystore) while the others are still being made. All keys are
 * generated at once (OpenSSL on the thread pool); each certificate is signed as soon as its own key
 * and its issuer's certificate exist.
 */
export function startFixtureIdentities(
  spec: ResolvedFixtureSpec,
  now: Date,
): Map<string, Promise<BuiltIdentity>> {
  const byName = new Map(spec.identities.map((identity) => [identity.name, identity]));
  const keys = new Map(spec.identities.map((identity) => [identity.name, generateIdentityKeyPair(identity)]));
  const built = new Map<string, Promise<BuiltIdentity>>();
  const build = (name: string): Promise<BuiltIdentity> => {
    let promise = built.get(name);
    if (!promise) {
      promise = buildOne(lookup(byName, name), lookup(keys, name), build, now);
      built.set(name, promise);
    }
    return promise;
  };
  for (const identity of spec.identities) void build(identity.name);
  return built;
}

async function buildOne(
  identity: ResolvedIdentity,
  keyPairPromise: Promise<IdentityKeyPair>,
  build: (name: string) => Promise<BuiltIdentity>,
  now: Date,
): Promise<BuiltIdentity> {
  const [keyPair, issuer] = await Promise.all([
    keyPairPromise,
    identity.issuer === null ? undefined : build(identity.issuer),
  ]);
  // A root is not sent in a chain (RFC 8446 §4.4.2: it "MAY be omitted"); intermediates are.
  const intermediatePems =
    issuer && issuer.identity.issuer !== null ? [issuer.certificatePem, ...issuer.intermediatePems] : [];
  if (needsAsn1Path(identity) || (issuer && issuer.certificate === null)) {
    // Loaded on demand: @peculiar's ASN.1 classes cost ~90 ms to load, which a classic spec never needs.
    const { signCertificate } = await import('./sign-certificate.ts');
    const certificatePem = signCertificate({
      identity,
      publicKeyPem: keyPair.publicKeyPem,
      privateKeyPem: keyPair.privateKeyPem,
      now,
      ...(issuer
        ? { issuer: { certificatePem: issuer.certificatePem, privateKeyPem: issuer.keyPair.privateKeyPem } }
        : {}),
    });
    return { identity, keyPair, certificate: null, certificatePem, intermediatePems };
  }
  const certificate = issueCertificate({
    identity,
    publicKeyPem: keyPair.publicKeyPem,
    privateKeyPem: keyPair.privateKeyPem,
    now,
    ...(issuer?.certificate
      ? { issuer: { certificate: issuer.certificate, privateKeyPem: issuer.keyPair.privateKeyPem } }
      : {}),
  });
  return { identity, keyPair, certificate, certificatePem: toPem(certificate), intermediatePems };
}

function lookup<T>(map: Map<string, T>, name: string): T {
  const value = map.get(name);
  if (value === undefined) throw new Error(`fixture spec names an unknown identity ${name}`);
  return value;
}

// forge writes CRLF line ends; OpenSSL and Node accept both, but diffs and `cat` read better with LF.
function toPem(certificate: forge.pki.Certificate): string {
  return forge.pki.certificateToPem(certificate).replace(/\r\n/g, '\n');
}
