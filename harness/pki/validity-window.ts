import type { ValiditySpec } from './fixture-spec.ts';

const dayMs = 24 * 60 * 60 * 1000;

/**
 * The notBefore/notAfter a validity spec means at `now`. X.509 times have whole seconds (RFC 5280
 * §4.1.2.5), so `now` is truncated first and the manifest shows exactly what the certificate says.
 */
export function validityWindow(validity: ValiditySpec, now: Date): { notBefore: Date; notAfter: Date } {
  if ('notBefore' in validity) {
    return {
      notBefore: wholeSeconds(new Date(validity.notBefore)),
      notAfter: wholeSeconds(new Date(validity.notAfter)),
    };
  }
  const start = wholeSeconds(now).getTime() + (validity.startsInDays ?? 0) * dayMs;
  return { notBefore: new Date(start), notAfter: new Date(start + validity.days * dayMs) };
}

/** Whether a certificate is valid, expired or not yet valid at `at`. */
export type ValidityStatus = 'valid' | 'expired' | 'not-yet-valid';

export function validityStatus(
  window: { notBefore: string | Date; notAfter: string | Date },
  at: Date,
): ValidityStatus {
  const time = at.getTime();
  if (time < new Date(window.notBefore).getTime()) return 'not-yet-valid';
  if (time > new Date(window.notAfter).getTime()) return 'expired';
  return 'valid';
}

function wholeSeconds(date: Date): Date {
  return new Date(Math.floor(date.getTime() / 1000) * 1000);
}
