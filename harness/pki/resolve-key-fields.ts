import {
  isCaRole,
  ecCurves,
  keyAlgorithms,
  keyUsages,
  rsaKeySizes,
  signatureHashes,
  weakRsaKeySize,
  type EcCurve,
  type IdentityRole,
  type KeyAlgorithm,
  type KeyUsage,
  type SignatureHash,
} from './fixture-spec.ts';
import { checkKeys, describe, isRecord, type Report } from './spec-checks.ts';

/** The key and certificate-policy fields of an identity, defaults applied. */
export interface ResolvedKeyFields {
  keyAlgorithm: KeyAlgorithm;
  /** Named curve of an `ec` key; null for the others. */
  curve: EcCurve | null;
  /** Modulus bits of `rsa` / `rsa-pss`; null for `ec` and `ed25519`. */
  keySize: number | null;
  signatureHash: SignatureHash;
  /** basicConstraints cA of a leaf when overridden (`true` on a CA:TRUE leaf); null: by role. */
  leafCa: boolean | null;
  /** keyUsage bits when overridden; null: by role and key type. */
  keyUsage: KeyUsage[] | null;
  nameConstraints: ResolvedNameConstraints | null;
}

export interface ResolvedNameConstraints {
  permitted: { dns: string[]; email: string[] };
  excluded: { dns: string[]; email: string[] };
}

export const keyFieldNames = [
  'keyAlgorithm',
  'curve',
  'keySize',
  'weakKey',
  'signatureHash',
  'basicConstraints',
  'keyUsage',
  'nameConstraints',
];

const subtreeName = /^\.?[A-Za-z0-9]([A-Za-z0-9-]*[A-Za-z0-9])?(\.[A-Za-z0-9]([A-Za-z0-9-]*[A-Za-z0-9])?)*$/;

/** Checks the key fields of one identity (`path` is the identity's path) and applies the defaults. */
export function resolveKeyFields(
  entry: Record<string, unknown>,
  role: IdentityRole,
  path: string,
  problem: Report,
): ResolvedKeyFields {
  const isCa = isCaRole(role);
  const keyAlgorithm = (entry['keyAlgorithm'] ?? 'rsa') as KeyAlgorithm;
  if (!keyAlgorithms.includes(keyAlgorithm)) {
    problem(
      `${path}.keyAlgorithm`,
      `unknown (${describe(keyAlgorithm)}); allowed: ${keyAlgorithms.join(', ')}`,
    );
  }
  const isRsa = keyAlgorithm === 'rsa' || keyAlgorithm === 'rsa-pss';
  const curve = entry['curve'];
  if (curve !== undefined && (keyAlgorithm !== 'ec' || !ecCurves.includes(curve as EcCurve))) {
    problem(
      `${path}.curve`,
      `must be one of ${ecCurves.join(', ')}, with keyAlgorithm: ec (${describe(curve)})`,
    );
  }
  const weakKey = entry['weakKey'] ?? false;
  if (typeof weakKey !== 'boolean')
    problem(`${path}.weakKey`, `must be true or false (${describe(weakKey)})`);
  const keySize = entry['keySize'];
  const sizes = weakKey === true ? [weakRsaKeySize, ...rsaKeySizes] : rsaKeySizes;
  if (keySize !== undefined && (!isRsa || !sizes.includes(keySize as number))) {
    const weak = keySize === weakRsaKeySize ? ' (1024 needs weakKey: true)' : '';
    problem(
      `${path}.keySize`,
      `unsupported (${describe(keySize)}); allowed: ${rsaKeySizes.join(', ')}, for rsa and rsa-pss keys${weak}`,
    );
  }
  const signatureHash = (entry['signatureHash'] ?? 'sha256') as SignatureHash;
  if (!signatureHashes.includes(signatureHash)) {
    problem(
      `${path}.signatureHash`,
      `unknown (${describe(signatureHash)}); allowed: ${signatureHashes.join(', ')}`,
    );
  }
  return {
    keyAlgorithm,
    curve: keyAlgorithm === 'ec' ? ((curve as EcCurve | undefined) ?? 'P-256') : null,
    keySize: isRsa ? ((keySize as number | undefined) ?? 2048) : null,
    signatureHash,
    leafCa: resolveLeafCa(entry['basicConstraints'], isCa, `${path}.basicConstraints`, problem),
    keyUsage: resolveKeyUsage(entry['keyUsage'], `${path}.keyUsage`, problem),
    nameConstraints: resolveNameConstraints(
      entry['nameConstraints'],
      isCa,
      `${path}.nameConstraints`,
      problem,
    ),
  };
}

function resolveLeafCa(value: unknown, isCa: boolean, path: string, problem: Report): boolean | null {
  if (value === undefined) return null;
  if (isCa || !isRecord(value) || typeof value['ca'] !== 'boolean') {
    problem(path, `must be { ca: true | false }, and only on a server or client (${describe(value)})`);
    return null;
  }
  checkKeys(value, ['ca'], `${path}.`, problem);
  return value['ca'];
}

function resolveKeyUsage(value: unknown, path: string, problem: Report): KeyUsage[] | null {
  if (value === undefined) return null;
  if (
    !Array.isArray(value) ||
    value.length === 0 ||
    !value.every((usage) => keyUsages.includes(usage as KeyUsage))
  ) {
    problem(path, `must be a non-empty list of ${keyUsages.join(', ')} (${describe(value)})`);
    return null;
  }
  return value as KeyUsage[];
}

function resolveNameConstraints(
  value: unknown,
  isCa: boolean,
  path: string,
  problem: Report,
): ResolvedNameConstraints | null {
  if (value === undefined) return null;
  if (!isCa || !isRecord(value)) {
    problem(path, `must be { permitted, excluded }, and only on a CA (${describe(value)})`);
    return null;
  }
  checkKeys(value, ['permitted', 'excluded'], `${path}.`, problem);
  const resolved: ResolvedNameConstraints = {
    permitted: resolveSubtrees(value['permitted'], `${path}.permitted`, problem),
    excluded: resolveSubtrees(value['excluded'], `${path}.excluded`, problem),
  };
  const count = [resolved.permitted, resolved.excluded].flatMap((trees) => [...trees.dns, ...trees.email]);
  // RFC 5280 §4.2.1.10: "Conforming CAs MUST NOT issue certificates where name constraints is an empty sequence."
  if (count.length === 0) problem(path, 'must name at least one permitted or excluded subtree');
  return resolved;
}

function resolveSubtrees(value: unknown, path: string, problem: Report): { dns: string[]; email: string[] } {
  const trees = { dns: [] as string[], email: [] as string[] };
  if (value === undefined) return trees;
  if (!isRecord(value)) {
    problem(path, `must be { dns: [...], email: [...] } (${describe(value)})`);
    return trees;
  }
  checkKeys(value, ['dns', 'email'], `${path}.`, problem);
  for (const kind of ['dns', 'email'] as const) {
    const list = value[kind] ?? [];
    const valid =
      Array.isArray(list) &&
      list.every((item) => typeof item === 'string' && subtreeName.test(item.replace(/^[^@]*@/, '')));
    if (valid) trees[kind] = list as string[];
    else
      problem(`${path}.${kind}`, `must be a list of domain names such as .example.com (${describe(list)})`);
  }
  return trees;
}
