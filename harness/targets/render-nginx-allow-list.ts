import { HarnessError } from '../common/harness-error.ts';

/** How the generated nginx.conf matches `allowedSubjects` against $ssl_client_s_dn. */
export type NginxAllowListMatch = 'exact' | 'unanchored-regex';

export const nginxAllowListMatches: readonly NginxAllowListMatch[] = ['exact', 'unanchored-regex'];

export interface NginxAllowListParams {
  /** The target's allowedSubjects: DNs, in either RDN order or openssl's slash form. */
  subjects: readonly string[];
  /**
   * `exact` (default): each DN as one anchored, escaped regex, in both RDN orders. `unanchored-regex`:
   * `~CN=<value>` as written in many ingress-nginx configs (#8434), which a longer CN or an OU holding
   * that text also matches: the flaw the allow-list-* scenarios catch.
   */
  match: NginxAllowListMatch;
}

/** The variable the map sets: 1 for an allowed client, 0 otherwise. */
const variable = '$mtlsc_subject_allowed';

/**
 * The http-level `map` of an allow-list. nginx (1.11.6+) prints $ssl_client_s_dn as RFC 2253 does:
 * least significant RDN first, `,` without spaces, OpenSSL's short names (`jurisdictionC`), UTF-8 kept.
 * nginx 1.22 has no variable with the client's SANs, so a SAN entry cannot be enforced: refused here.
 */
export function renderAllowListMap(params: NginxAllowListParams, targetName: string): string[] {
  const entries = params.subjects.flatMap((subject) => {
    if (!subject.includes('=')) {
      throw new HarnessError(
        `Cannot render nginx.conf for target "${targetName}". allowedSubjects entry "${subject}" is a SAN, and nginx has no variable with the client's SANs; write it as the DN nginx prints in $ssl_client_s_dn (CN=…,O=…,C=…).`,
      );
    }
    return params.match === 'exact' ? exactPatterns(subject) : [`~CN=${commonName(subject, targetName)}`];
  });
  return [
    `    # allowedSubjects (${params.match === 'exact' ? 'whole DN, anchored' : 'UNANCHORED: a longer CN or an OU with this text matches too'}).`,
    `    map $ssl_client_s_dn ${variable} {`,
    '        default 0;',
    ...[...new Set(entries)].map(
      // nginx's quoted strings take \\ for one backslash (and \" for a quote).
      (entry) => `        "${entry.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}" 1;`,
    ),
    '    }',
  ];
}

/** The server-level check: a verified client outside the allow-list gets 403, as the mock answers. */
export function renderAllowListCheck(): string[] {
  return [
    '',
    '        # Only the clients of allowedSubjects; the others are refused with 403 Forbidden.',
    `        if (${variable} = 0) {`,
    '            return 403;',
    '        }',
  ];
}

function rdnsOf(subject: string): string[] {
  const trimmed = subject.trim();
  const parts = trimmed.startsWith('/')
    ? trimmed.slice(1).split(/\/(?=[A-Za-z][\w.-]*=)/)
    : trimmed.split(/\s*,\s*(?=[A-Za-z][\w.-]*=)/);
  return parts.map((part) => part.trim());
}

// Both RDN orders: written most significant first (as Node prints) or as RFC 2253 (as nginx does).
function exactPatterns(subject: string): string[] {
  const rdns = rdnsOf(subject);
  return [rdns, [...rdns].reverse()].map(
    (order) => `~^${order.map((rdn) => escapeRegex(asNginxPrints(rdn))).join(',')}$`,
  );
}

function commonName(subject: string, targetName: string): string {
  const cn = rdnsOf(subject).find((rdn) => /^CN=/i.test(rdn));
  if (cn === undefined) {
    throw new HarnessError(
      `Cannot render nginx.conf for target "${targetName}". nginx.allowListMatch unanchored-regex needs a CN in each allowedSubjects entry, and "${subject}" has none.`,
    );
  }
  return cn.slice(3);
}

/**
 * nginx prints $ssl_client_s_dn with OpenSSL's XN_FLAG_RFC2253, whose ASN1_STRFLGS_ESC_MSB writes each
 * byte of a non-ASCII character as \XX: `L=São Paulo` is `L=S\C3\A3o Paulo` (seen on nginx 1.22).
 */
function asNginxPrints(rdn: string): string {
  return rdn.replace(/[^ -~]/gu, (character) =>
    [...Buffer.from(character, 'utf8')].map((byte) => `\\${byte.toString(16).toUpperCase()}`).join(''),
  );
}

function escapeRegex(text: string): string {
  return text.replace(/[\\^$.|?*+()[\]{}]/g, '\\$&');
}
