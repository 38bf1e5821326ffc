import { createHash } from 'node:crypto';
import { AsnConvert, OctetString } from '@peculiar/asn1-schema';
import {
  AuthorityKeyIdentifier,
  BasicConstraints,
  ExtendedKeyUsage,
  Extension,
  GeneralName,
  GeneralSubtree,
  GeneralSubtrees,
  KeyIdentifier,
  KeyUsage as KeyUsageBits,
  KeyUsageFlags,
  NameConstraints,
  SubjectAlternativeName,
  SubjectKeyIdentifier,
  id_ce_authorityKeyIdentifier,
  id_ce_basicConstraints,
  id_ce_extKeyUsage,
  id_ce_keyUsage,
  id_ce_nameConstraints,
  id_ce_subjectAltName,
  id_ce_subjectKeyIdentifier,
  id_kp_clientAuth,
  id_kp_serverAuth,
  type SubjectPublicKeyInfo,
} from '@peculiar/asn1-x509';
import { isCaRole, type KeyUsage } from './fixture-spec.ts';
import type { ResolvedNameConstraints } from './resolve-key-fields.ts';
import { revocationUrlExtensions } from './revocation-url-extensions.ts';
import type { ResolvedIdentity } from './validate-fixture-spec.ts';

/**
 * The extensions of a certificate made by the ASN.1 path (sign-certificate.ts), in the order and
 * with the criticality issue-certificate.ts gives the forge-made ones, so both paths read the same.
 */
export function certificateExtensions(
  identity: ResolvedIdentity,
  subjectKey: SubjectPublicKeyInfo,
  authorityKeyId: ArrayBuffer,
): Extension[] {
  const isCa = isCaRole(identity.role);
  const extensions: Extension[] = [];
  const add = (extnID: string, critical: boolean, value: object) =>
    extensions.push(
      new Extension({ extnID, critical, extnValue: new OctetString(AsnConvert.serialize(value)) }),
    );

  // RFC 5280 §4.2.1.9: CAs mark basicConstraints critical. A leaf carries CA:FALSE as the seed's
  // tppN.cnf, or CA:TRUE when the spec asks for that defect (badssl #179).
  const caFlag = isCa || identity.leafCa === true;
  add(
    id_ce_basicConstraints,
    caFlag,
    new BasicConstraints({
      cA: caFlag,
      ...(isCa && identity.pathLength !== null ? { pathLenConstraint: identity.pathLength } : {}),
    }),
  );
  add(
    id_ce_keyUsage,
    true,
    new KeyUsageBits(keyUsageFlags(identity.keyUsage ?? defaultKeyUsage(identity, isCa))),
  );
  if (identity.extendedKeyUsage.length > 0) {
    const oids = { serverAuth: id_kp_serverAuth, clientAuth: id_kp_clientAuth };
    add(
      id_ce_extKeyUsage,
      false,
      new ExtendedKeyUsage(identity.extendedKeyUsage.map((usage) => oids[usage])),
    );
  }
  if (identity.nameConstraints) add(id_ce_nameConstraints, true, nameConstraints(identity.nameConstraints));
  const { dns, ip, uri, email } = identity.subjectAltNames;
  const altNames = [
    ...dns.map((dNSName) => new GeneralName({ dNSName })),
    ...ip.map((iPAddress) => new GeneralName({ iPAddress })),
    ...uri.map((uniformResourceIdentifier) => new GeneralName({ uniformResourceIdentifier })),
    ...email.map((rfc822Name) => new GeneralName({ rfc822Name })),
  ];
  if (altNames.length > 0) add(id_ce_subjectAltName, false, new SubjectAlternativeName(altNames));
  for (const { id, value } of revocationUrlExtensions(identity)) {
    extensions.push(new Extension({ extnID: id, critical: false, extnValue: new OctetString(value) }));
  }
  add(id_ce_subjectKeyIdentifier, false, new SubjectKeyIdentifier(subjectKeyIdentifier(subjectKey)));
  add(
    id_ce_authorityKeyIdentifier,
    false,
    new AuthorityKeyIdentifier({ keyIdentifier: new KeyIdentifier(authorityKeyId) }),
  );
  return extensions;
}

/** RFC 5280 §4.2.1.2 method (1): SHA-1 of the subjectPublicKey BIT STRING's bytes, as forge computes it. */
export function subjectKeyIdentifier(key: SubjectPublicKeyInfo): ArrayBuffer {
  const digest = createHash('sha1').update(Buffer.from(key.subjectPublicKey)).digest();
  return digest.buffer.slice(digest.byteOffset, digest.byteOffset + digest.length);
}

/**
 * CAs: keyCertSign, cRLSign, digitalSignature. RSA leaves: digitalSignature and keyEncipherment (the
 * seed's tppN.cnf). EC, Ed25519 and RSASSA-PSS leaves cannot encrypt a key (RFC 8813 §3, RFC 8410 §5,
 * RFC 4055 §1.2): digitalSignature only.
 */
function defaultKeyUsage(identity: ResolvedIdentity, isCa: boolean): KeyUsage[] {
  if (isCa) return ['keyCertSign', 'cRLSign', 'digitalSignature'];
  return identity.keyAlgorithm === 'rsa' ? ['digitalSignature', 'keyEncipherment'] : ['digitalSignature'];
}

function keyUsageFlags(usages: KeyUsage[]): number {
  return usages.reduce((flags, usage) => flags | KeyUsageFlags[usage], 0);
}

function nameConstraints(constraints: ResolvedNameConstraints): NameConstraints {
  const subtrees = (trees: { dns: string[]; email: string[] }) => {
    const items = [
      ...trees.dns.map((dNSName) => new GeneralSubtree({ base: new GeneralName({ dNSName }) })),
      ...trees.email.map((rfc822Name) => new GeneralSubtree({ base: new GeneralName({ rfc822Name }) })),
    ];
    return items.length > 0 ? new GeneralSubtrees(items) : undefined;
  };
  const permittedSubtrees = subtrees(constraints.permitted);
  const excludedSubtrees = subtrees(constraints.excluded);
  return new NameConstraints({
    ...(permittedSubtrees ? { permittedSubtrees } : {}),
    ...(excludedSubtrees ? { excludedSubtrees } : {}),
  });
}
