import { HarnessError } from '../common/harness-error.ts';
import {
  identityRoles,
  type ExtendedKeyUsage,
  type IdentityRole,
  type ValiditySpec,
} from './fixture-spec.ts';
import {
  resolveExtendedKeyUsage,
  resolveSubject,
  resolveSubjectAltNames,
  resolveValidity,
  type ResolvedSubjectAltNames,
} from './resolve-identity-fields.ts';
import { keyFieldNames, resolveKeyFields, type ResolvedKeyFields } from './resolve-key-fields.ts';
import {
  checkKeys,
  describe,
  isNonNegativeInteger,
  isRecord,
  optionalString,
  type Report,
} from './spec-checks.ts';
import { resolveRevocationFields, revocationKeys } from './resolve-revocation-fields.ts';

/** An identity with every default applied and subject names made canonical: what generation uses. */
export interface ResolvedIdentity extends ResolvedKeyFields {
  name: string;
  role: IdentityRole;
  description: string | null;
  issuer: string | null;
  /** Long attribute names (`commonName`), in DN order. */
  subject: Record<string, string>;
  validity: ValiditySpec;
  extendedKeyUsage: ExtendedKeyUsage[];
  subjectAltNames: ResolvedSubjectAltNames;
  pathLength: number | null;
  /** Present (true) only when the spec revokes it, so specs without revocation keep their cache key. */
  revoked?: true;
  crlUrl?: string;
  ocspUrl?: string;
}

export interface ResolvedFixtureSpec {
  identities: ResolvedIdentity[];
  trustBundles: string[][];
}

const identityKeys = [
  'name',
  'role',
  'description',
  'issuer',
  'subject',
  'validity',
  'extendedKeyUsage',
  'subjectAltNames',
  'keySize',
  'pathLength',
  ...revocationKeys,
  ...keyFieldNames.filter((field) => field !== 'keySize'),
];
const namePattern = /^[a-z0-9]+(-[a-z0-9]+)*$/;
const caRoles: readonly IdentityRole[] = ['root-ca', 'intermediate-ca'];

/**
 * Checks an untrusted spec (parsed YAML/JSON) and applies the defaults. Every problem is reported at
 * once, each with its field path, in one HarnessError: `spec.yaml: identities[2].issuer: ...`.
 */
export function validateFixtureSpec(input: unknown, source = 'fixture spec'): ResolvedFixtureSpec {
  const problems: string[] = [];
  const problem = (path: string, text: string) => problems.push(`${path}: ${text}`);
  const resolved: ResolvedFixtureSpec = { identities: [], trustBundles: [] };

  if (!isRecord(input)) {
    throw new HarnessError(
      `${source}: not a fixture spec (${describe(input)}). Write a mapping with "version: 1" and "identities:".`,
    );
  }
  checkKeys(input, ['version', 'identities', 'trustBundles'], '', problem);
  if (input['version'] !== undefined && input['version'] !== 1) {
    problem('version', `unsupported (${describe(input['version'])}); allowed: 1`);
  }
  const identities = input['identities'];
  if (!Array.isArray(identities) || identities.length === 0) {
    problem('identities', `must be a non-empty list (${describe(identities)})`);
  } else {
    identities.forEach((entry, index) => {
      const identity = resolveIdentity(entry, `identities[${index}]`, problem);
      if (identity) resolved.identities.push(identity);
    });
    checkReferences(resolved.identities, identities, problem);
  }
  resolved.trustBundles = resolveTrustBundles(input['trustBundles'], resolved.identities, problem);

  if (problems.length > 0) {
    const count = problems.length === 1 ? '' : `${problems.length} problems: `;
    throw new HarnessError(`${source}: ${count}${problems.join('; ')}. Fix the spec and run again.`);
  }
  return resolved;
}

function resolveIdentity(entry: unknown, path: string, problem: Report): ResolvedIdentity | undefined {
  if (!isRecord(entry)) {
    problem(path, `must be a mapping with name, role and subject (${describe(entry)})`);
    return undefined;
  }
  checkKeys(entry, identityKeys, `${path}.`, problem);
  const name = entry['name'];
  if (typeof name !== 'string' || !namePattern.test(name)) {
    problem(`${path}.name`, `must be lower-case letters, digits and "-" (${describe(name)})`);
  }
  const role = entry['role'];
  if (!identityRoles.includes(role as IdentityRole)) {
    problem(`${path}.role`, `unknown (${describe(role)}); allowed: ${identityRoles.join(', ')}`);
  }
  const isCa = caRoles.includes(role as IdentityRole);
  const description = optionalString(entry['description'], `${path}.description`, problem);
  const issuer = optionalString(entry['issuer'], `${path}.issuer`, problem);
  if (role === 'root-ca' && issuer !== null) {
    problem(`${path}.issuer`, `a root-ca is self-signed and takes no issuer (${describe(issuer)})`);
  }
  if (role === 'intermediate-ca' && issuer === null) {
    problem(`${path}.issuer`, 'an intermediate-ca needs the name of the CA that signs it');
  }
  const pathLength = entry['pathLength'];
  if (pathLength !== undefined && (!isCa || !isNonNegativeInteger(pathLength))) {
    problem(`${path}.pathLength`, `must be an integer >= 0, and only on a CA (${describe(pathLength)})`);
  }
  const identity: ResolvedIdentity = {
    name: name as string,
    role: role as IdentityRole,
    description,
    issuer,
    subject: resolveSubject(entry['subject'], `${path}.subject`, problem),
    validity: resolveValidity(entry['validity'], isCa, `${path}.validity`, problem),
    extendedKeyUsage: resolveExtendedKeyUsage(
      entry['extendedKeyUsage'],
      role,
      `${path}.extendedKeyUsage`,
      problem,
    ),
    subjectAltNames: resolveSubjectAltNames(entry['subjectAltNames'], `${path}.subjectAltNames`, problem),
    pathLength: typeof pathLength === 'number' ? pathLength : role === 'intermediate-ca' ? 0 : null,
    ...resolveRevocationFields(entry, path, problem),
    ...resolveKeyFields(entry, role as IdentityRole, path, problem),
  };
  return identity;
}

function checkReferences(identities: ResolvedIdentity[], raw: unknown[], problem: Report): void {
  const byName = new Map<string, ResolvedIdentity>();
  identities.forEach((identity, index) => {
    if (byName.has(identity.name)) problem(`identities[${index}].name`, `repeats "${identity.name}"`);
    byName.set(identity.name, identity);
  });
  const known = identities.map((identity) => identity.name).join(', ');
  identities.forEach((identity) => {
    // A root-ca's issuer was already refused in resolveIdentity.
    if (identity.issuer === null || identity.role === 'root-ca') return;
    const index = raw.findIndex((entry) => isRecord(entry) && entry['name'] === identity.name);
    const issuer = byName.get(identity.issuer);
    if (!issuer) {
      problem(
        `identities[${index}].issuer`,
        `"${identity.issuer}" is not an identity of the spec (known: ${known})`,
      );
    } else if (!caRoles.includes(issuer.role)) {
      problem(`identities[${index}].issuer`, `"${identity.issuer}" is a ${issuer.role}, not a CA`);
    } else if (hasIssuerCycle(identity, byName)) {
      problem(
        `identities[${index}].issuer`,
        `"${identity.issuer}" leads back to "${identity.name}" (a cycle)`,
      );
    }
  });
}

function hasIssuerCycle(start: ResolvedIdentity, byName: Map<string, ResolvedIdentity>): boolean {
  const seen = new Set<string>();
  for (let current: ResolvedIdentity | undefined = start; current;) {
    if (seen.has(current.name)) return true;
    seen.add(current.name);
    current = current.issuer === null ? undefined : byName.get(current.issuer);
  }
  return false;
}

function resolveTrustBundles(value: unknown, identities: ResolvedIdentity[], problem: Report): string[][] {
  if (value === undefined) return [];
  const known = new Set(identities.map((identity) => identity.name));
  if (!Array.isArray(value)) {
    problem('trustBundles', `must be a list of lists of identity names (${describe(value)})`);
    return [];
  }
  return value.flatMap((bundle, index) => {
    const valid =
      Array.isArray(bundle) &&
      bundle.length > 0 &&
      bundle.every((name) => typeof name === 'string' && known.has(name));
    if (valid) return [bundle as string[]];
    problem(
      `trustBundles[${index}]`,
      `must be a non-empty list of identity names (${describe(bundle)}; known: ${[...known].join(', ')})`,
    );
    return [];
  });
}
