import type { FixtureManifest } from './fixture-manifest.ts';
import { validityStatus } from './validity-window.ts';

/**
 * One line per identity, as mkcert reports what it made: name, role, issuer, and when the certificate
 * expires, with its status at `now` where it is not plainly valid.
 */
export function formatFixtureTable(manifest: FixtureManifest, now: Date): string[] {
  const rows = [
    ['NAME', 'ROLE', 'ISSUER', 'EXPIRES'],
    ...manifest.identities.map((identity) => {
      const status = validityStatus(identity, now);
      const note =
        status === 'expired'
          ? '  (expired)'
          : status === 'not-yet-valid'
            ? `  (valid from ${identity.notBefore.slice(0, 10)})`
            : '';
      return [
        identity.name,
        identity.role,
        identity.issuerName ?? '-',
        `${identity.notAfter.slice(0, 10)}${note}`,
      ];
    }),
  ];
  const widths = [0, 1, 2].map((column) => Math.max(...rows.map((row) => (row[column] ?? '').length)));
  return rows.map((row) =>
    row
      .map((cell, column) => cell.padEnd(widths[column] ?? 0))
      .join('  ')
      .trimEnd(),
  );
}
