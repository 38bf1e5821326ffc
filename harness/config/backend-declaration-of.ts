import { defaultForwardedHeaderNames, defaultVerifiedValue } from '../pki/forwarded-certificate-format.ts';
import type { BackendDeclaration } from '../scenarios/backend/backend-declaration.ts';
import type { BackendEntry } from './config-types.ts';
import type {
  ForwardedCertificateFormat,
  ForwardedHeaderNames,
} from '../pki/forwarded-certificate-format.ts';

/**
 * The `backend:` block with its defaults: header names by format where none is given (all three
 * names are defaulted together, so giving `headers.cert` alone means the format's other names are not
 * sent), and `SUCCESS` as the verified value.
 */
export function toBackendDeclaration(entry: BackendEntry): BackendDeclaration {
  return {
    format: entry.format,
    headers: headerNamesOf(entry.format, entry.headers),
    verifiedValue: entry.verifiedValue ?? defaultVerifiedValue,
    ...(entry.path === undefined ? {} : { path: entry.path }),
    ...(entry.misconfiguration === undefined ? {} : { misconfiguration: entry.misconfiguration }),
  };
}

/** The header names of a `backend:` block: as given, else the format's (see toBackendDeclaration). */
export function headerNamesOf(
  format: ForwardedCertificateFormat,
  given: BackendEntry['headers'],
): ForwardedHeaderNames {
  const defaults = defaultForwardedHeaderNames[format];
  if (given === undefined || Object.keys(given).length === 0) return { ...defaults };
  return {
    cert: given.cert ?? defaults.cert,
    ...(given.verify === undefined ? {} : { verify: given.verify }),
    ...(given.chain === undefined ? {} : { chain: given.chain }),
  };
}
