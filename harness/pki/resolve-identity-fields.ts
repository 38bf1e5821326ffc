import { findAttributeType, subjectAttributeNames } from './distinguished-name.ts';
import { extendedKeyUsages, type ExtendedKeyUsage, type ValiditySpec } from './fixture-spec.ts';
import {
  checkKeys,
  describe,
  isNonNegativeInteger,
  isRecord,
  parseDate,
  type Report,
} from './spec-checks.ts';

// Each resolver checks one field of an identity, reports its problems by field path, and returns the
// value with defaults applied (a harmless fallback when the field is invalid, so checking goes on).

// X.680 PrintableString alphabet; RFC 5280 requires it for countryName and serialNumber.
const printablePattern = /^[A-Za-z0-9 '()+,\-./:=?]+$/;

export function resolveSubject(value: unknown, path: string, problem: Report): Record<string, string> {
  const subject: Record<string, string> = {};
  if (!isRecord(value) || Object.keys(value).length === 0) {
    problem(path, `must be a mapping of DN attributes, e.g. CN: tpp1.example (${describe(value)})`);
    return subject;
  }
  for (const [key, attributeValue] of Object.entries(value)) {
    const type = findAttributeType(key);
    if (!type) {
      problem(`${path}.${key}`, `unknown DN attribute; allowed: ${subjectAttributeNames.join(', ')}`);
    } else if (typeof attributeValue !== 'string' || attributeValue === '') {
      problem(`${path}.${key}`, `must be a non-empty string (${describe(attributeValue)})`);
    } else if (type.printable && !printablePattern.test(attributeValue)) {
      problem(`${path}.${key}`, `must use PrintableString characters (${describe(attributeValue)})`);
    } else if (type.name === 'countryName' && !/^[A-Z]{2}$/.test(attributeValue)) {
      problem(`${path}.${key}`, `must be a two-letter ISO 3166 code (${describe(attributeValue)})`);
    } else if (type.name in subject) {
      problem(`${path}.${key}`, `repeats ${type.name}`);
    } else {
      subject[type.name] = attributeValue;
    }
  }
  return subject;
}

// 3650 days is the seed's `openssl req -x509 -days 3650`; 825 days is the longest leaf validity
// macOS/iOS accept from a private CA (Apple HT210176), the same limit mkcert obeys.
export function resolveValidity(value: unknown, isCa: boolean, path: string, problem: Report): ValiditySpec {
  const fallback: ValiditySpec = { days: isCa ? 3650 : 825, startsInDays: 0 };
  if (value === undefined) return fallback;
  if (!isRecord(value)) {
    problem(path, `must be {days, startsInDays} or {notBefore, notAfter} (${describe(value)})`);
    return fallback;
  }
  if ('days' in value) {
    checkKeys(value, ['days', 'startsInDays'], `${path}.`, problem);
    const days = value['days'];
    const startsInDays = value['startsInDays'] ?? 0;
    if (!isNonNegativeInteger(days) || days === 0)
      problem(`${path}.days`, `must be an integer > 0 (${describe(days)})`);
    if (!Number.isInteger(startsInDays)) {
      problem(
        `${path}.startsInDays`,
        `must be an integer, negative for the past (${describe(startsInDays)})`,
      );
    }
    return { days: days as number, startsInDays: startsInDays as number };
  }
  checkKeys(value, ['notBefore', 'notAfter'], `${path}.`, problem);
  const notBefore = value['notBefore'];
  const notAfter = value['notAfter'];
  const before = parseDate(notBefore, `${path}.notBefore`, problem);
  const after = parseDate(notAfter, `${path}.notAfter`, problem);
  if (before !== undefined && after !== undefined && after <= before) {
    problem(`${path}.notAfter`, `must be later than notBefore (${describe(notAfter)})`);
  }
  return { notBefore: notBefore as string, notAfter: notAfter as string };
}

export function resolveExtendedKeyUsage(
  value: unknown,
  role: unknown,
  path: string,
  problem: Report,
): ExtendedKeyUsage[] {
  if (value === undefined)
    return role === 'server' ? ['serverAuth'] : role === 'client' ? ['clientAuth'] : [];
  const valid =
    Array.isArray(value) && value.every((usage) => extendedKeyUsages.includes(usage as ExtendedKeyUsage));
  if (!valid) {
    problem(path, `must be a list of ${extendedKeyUsages.join(', ')} (${describe(value)})`);
    return [];
  }
  return value as ExtendedKeyUsage[];
}

/** subjectAltName entries by type, each list possibly empty. */
export interface ResolvedSubjectAltNames {
  dns: string[];
  ip: string[];
  uri: string[];
  email: string[];
}

const altNameKinds = ['dns', 'ip', 'uri', 'email'] as const;

const altNameChecks: Record<(typeof altNameKinds)[number], [(name: string) => boolean, string]> = {
  dns: [isDnsName, 'host names'],
  ip: [isIpAddress, 'IPv4 or IPv6 addresses'],
  // RFC 5280 §4.2.1.6: a URI SAN is an absolute URI with a scheme (SPIFFE: spiffe://trust-domain/path).
  uri: [
    (name) => /^[A-Za-z][A-Za-z0-9+.-]*:\S+$/.test(name),
    'absolute URIs such as spiffe://example.org/tpp1',
  ],
  email: [(name) => /^[^@\s]+@[^@\s]+$/.test(name), 'email addresses'],
};

export function resolveSubjectAltNames(
  value: unknown,
  path: string,
  problem: Report,
): ResolvedSubjectAltNames {
  const names: ResolvedSubjectAltNames = { dns: [], ip: [], uri: [], email: [] };
  if (value === undefined) return names;
  if (!isRecord(value)) {
    problem(path, `must be {dns: [...], ip: [...], uri: [...], email: [...]} (${describe(value)})`);
    return names;
  }
  checkKeys(value, [...altNameKinds], `${path}.`, problem);
  for (const kind of altNameKinds) {
    const list = value[kind] ?? [];
    const [check, expected] = altNameChecks[kind];
    if (!Array.isArray(list) || !list.every((entry) => typeof entry === 'string' && check(entry))) {
      problem(`${path}.${kind}`, `must be a list of ${expected} (${describe(list)})`);
    } else {
      names[kind] = list as string[];
    }
  }
  return names;
}

function isDnsName(name: string): boolean {
  return /^(\*\.)?([A-Za-z0-9]([A-Za-z0-9-]*[A-Za-z0-9])?)(\.[A-Za-z0-9]([A-Za-z0-9-]*[A-Za-z0-9])?)*$/.test(
    name,
  );
}

/** IPv4 dotted quad or an IPv6 address (checked by the WHATWG URL parser: pki/ may not import node:net). */
export function isIpAddress(address: string): boolean {
  if (/^\d{1,3}(\.\d{1,3}){3}$/.test(address)) return address.split('.').every((part) => Number(part) <= 255);
  if (!address.includes(':')) return false;
  try {
    return new URL(`http://[${address}]/`).hostname.length > 2;
  } catch {
    return false;
  }
}
