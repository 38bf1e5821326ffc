import type { RevocationDeclaration } from '../scenarios/revocation/revocation-declaration.ts';
import type { RevocationEntry } from './config-types.ts';

/** The schema's defaults of a `revocation:` block: no CRL, OCSP off, the current CRL. */
export const REVOCATION_DEFAULTS: RevocationDeclaration = { crl: false, ocsp: 'off', crlFile: 'current' };

/** A `revocation:` block as written, with REVOCATION_DEFAULTS. */
export function toRevocationDeclaration(entry: RevocationEntry): RevocationDeclaration {
  return { ...REVOCATION_DEFAULTS, ...entry };
}
