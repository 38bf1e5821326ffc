import { HarnessError } from '../common/harness-error.ts';
import { NGINX_FILE_NAMES } from './render-nginx-conf.ts';
import type { NginxProtocol } from './nginx-target-options.ts';

/** Another site of the target's port, as nginx serves it: its name, and its client CA file if mTLS. */
export interface NginxSharedSite {
  name: string;
  mtls: boolean;
  /** The fixture CAs of its client CA file, named in a comment. */
  trusts: readonly string[];
  /** Its `ssl_client_certificate`, relative to the prefix; required when `mtls`. */
  clientCertificate?: string;
}

export interface NginxVirtualHostParams {
  /** The target's nginx.conf as renderNginxConf renders it: one server block, the mTLS site. */
  targetConf: string;
  listen: string;
  protocols: readonly NginxProtocol[];
  /** The other sites, in declaration order: the first is the port's default server. */
  sites: readonly NginxSharedSite[];
  /** `false`: session tickets and the session cache off. Default: both on, as gateways run them. */
  resumption?: boolean | undefined;
  /** `ssl_session_ticket_key`, relative to the prefix. Default: none, nginx makes keys at start. */
  sessionTicketKey?: string | undefined;
  /** Add the 421 guard for a Host that is not the SNI name (see NginxTargetOptions.sniHostCheck). */
  sniHostCheck: boolean;
}

export const NGINX_SESSION_TICKET_KEY_FILE = 'session-ticket.key';

/** `shared-1-client-ca.pem`: the client CA file of the n-th (1-based) other site. */
export function sharedClientCertificateFile(position: number): string {
  return `shared-${position}-client-ca.pem`;
}

/**
 * The target's nginx.conf with the other sites of its port before its own server block (the first
 * server block of a port is its default server, RFC 6066 §3's "no SNI" fallback, usually the public
 * site), session resumption as gateways run it, and, in the target's block, a guard that refuses a
 * Host other than the SNI name. The target's block is otherwise left exactly as rendered.
 */
export function renderNginxVirtualHosts(params: NginxVirtualHostParams): string {
  const lines = params.targetConf.replace(/\n$/, '').split('\n');
  const serverAt = lines.indexOf('    server {');
  const nameAt = lines.findIndex((line, index) => index > serverAt && /^ {8}server_name .*;$/.test(line));
  if (serverAt < 0 || nameAt < 0) {
    throw new HarnessError(
      'Cannot render the virtual hosts of nginx.conf. The target config has no server block with a server_name.',
    );
  }
  const guard = params.sniHostCheck && params.sites.length > 0 ? sniHostGuard() : [];
  return [
    ...lines.slice(0, serverAt),
    ...sessionLines(params),
    ...params.sites.flatMap((site) => [...siteBlock(site, params), '']),
    ...(params.sites.length > 0 ? ['    # The mTLS site: the target.'] : []),
    ...lines.slice(serverAt, nameAt + 1),
    ...guard,
    ...lines.slice(nameAt + 1),
    '',
  ].join('\n');
}

function sessionLines(params: NginxVirtualHostParams): string[] {
  if (params.resumption === false) {
    return [
      '    # No session resumption: every connection makes a full handshake.',
      '    ssl_session_cache   off;',
      '    ssl_session_tickets off;',
      '',
    ];
  }
  return [
    '    # Session resumption as gateways run it: a session cache the workers share, and tickets.',
    "    # OpenSSL looks sessions up in the port's default server (the first block below) whatever SNI",
    '    # the client sends, so a session made on one site can come back on another: nginx answers it',
    '    # 421 (TLS 1.2) or, with the CVE-2025-23419 fix, refuses the handshake (TLS 1.3).',
    '    ssl_session_cache   shared:mtlsc:1m;',
    '    ssl_session_timeout 5m;',
    '    ssl_session_tickets on;',
    ...(params.sessionTicketKey === undefined
      ? []
      : [
          '    # Tickets made before a restart stay valid after it (and across a fleet sharing the file).',
          `    ssl_session_ticket_key ${params.sessionTicketKey};`,
        ]),
    '',
  ];
}

function siteBlock(site: NginxSharedSite, params: NginxVirtualHostParams): string[] {
  if (site.mtls && site.clientCertificate === undefined) {
    throw new HarnessError(
      `Cannot render the virtual host ${site.name} of nginx.conf. An mTLS site needs its client CA file.`,
    );
  }
  const notFound = JSON.stringify({ status: 'not found', site: site.name });
  return [
    `    # Another site on the same address and port (sharedWith): ${site.mtls ? `mTLS, trusts ${site.trusts.join(', ')}` : 'an ordinary HTTPS site'}.`,
    '    server {',
    `        listen ${params.listen} ssl;`,
    `        server_name ${site.name};`,
    '',
    `        ssl_certificate     ${NGINX_FILE_NAMES.certificate};`,
    `        ssl_certificate_key ${NGINX_FILE_NAMES.certificateKey};`,
    `        ssl_protocols       ${params.protocols.join(' ')};`,
    ...(site.mtls
      ? ['        ssl_verify_client      on;', `        ssl_client_certificate ${site.clientCertificate};`]
      : []),
    '',
    '        location = / {',
    '            default_type text/plain;',
    `            return 200 '${site.name}: home page\\n';`,
    '        }',
    '',
    '        location / {',
    '            default_type application/json;',
    `            return 404 '${notFound}';`,
    '        }',
    '    }',
  ];
}

function sniHostGuard(): string[] {
  return [
    '',
    '        # Only requests for the site the TLS handshake was made for (RFC 9110 15.5.20). nginx answers',
    '        # 421 itself when the SNI names another site, but not when the client sent no SNI: it then',
    "        # verifies the client against the default server's CAs and picks this site by Host alone.",
    '        if ($ssl_server_name != $host) {',
    '            return 421;',
    '        }',
  ];
}
