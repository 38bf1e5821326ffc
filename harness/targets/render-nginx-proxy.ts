import type { BackendDeclaration } from '../scenarios/backend/backend-declaration.ts';

/** What the generated nginx.conf needs to proxy to the application behind it. */
export interface NginxProxyParams {
  /** `127.0.0.1:PORT`: where the application (the harness's recording backend) listens. */
  upstream: string;
  backend: BackendDeclaration;
}

/** Variables the maps below define, named apart from nginx's own `$ssl_*`. */
const CERT_VARIABLE = '$mtls_client_cert';
const VERIFY_VARIABLE = '$mtls_client_verify';

/**
 * Lines for the `http { }` block: the `map`s that decide what the application is told. The safe map
 * forwards the certificate only when nginx verified it: under `ssl_verify_client optional_no_ca` an
 * unverified certificate reaches the locations, and an application that reads only the certificate
 * header would take it for a verified one.
 */
export function renderProxyMaps(params: NginxProxyParams): string[] {
  const { backend } = params;
  const unsafe = backend.misconfiguration === 'set-only-when-verified';
  const { cert, verify } = backend.headers;
  const lines = [
    unsafe
      ? `    # UNSAFE (misconfiguration set-only-when-verified, for self-tests): without a verified certificate the`
      : '    # The client certificate for the application, only when nginx verified it: an empty value makes',
    unsafe
      ? `    # client's own ${cert}${verify === undefined ? '' : ` and ${verify}`} pass through.`
      : '    # proxy_set_header send no header at all.',
    `    map $ssl_client_verify ${CERT_VARIABLE} {`,
    `        SUCCESS  ${certificateValue(backend)};`,
    `        default  ${unsafe ? clientVariable(cert) : '""'};`,
    '    }',
  ];
  if (unsafe && verify !== undefined) {
    lines.push(
      `    map $ssl_client_verify ${VERIFY_VARIABLE} {`,
      '        SUCCESS  SUCCESS;',
      `        default  ${clientVariable(verify)};`,
      '    }',
    );
  }
  return lines;
}

/**
 * Lines for the `server { }` block: everything but /healthcheck goes to the application, with the
 * client's identity in the declared headers. `proxy_set_header` replaces every header of the same name
 * the client sent (nginx passes a client's header on only when no proxy_set_header names it), and an
 * empty value sends none: a client can neither add nor forge these headers. nginx also drops headers
 * whose names hold `_` (underscores_in_headers off), which CGI-style applications would read as these.
 */
export function renderProxyLocation(params: NginxProxyParams): string[] {
  const { backend } = params;
  const { cert, verify, chain } = backend.headers;
  const passThrough = backend.misconfiguration === 'pass-client-headers';
  const unsafeVerify = backend.misconfiguration === 'set-only-when-verified';
  const width = Math.max(...[cert, verify, chain].map((name) => name?.length ?? 0));
  const set = (name: string, value: string) => `            proxy_set_header ${name.padEnd(width)} ${value};`;
  const lines = [
    `        # The client's identity for the application: ${describeHeaders(backend)}.`,
    '        # proxy_set_header replaces whatever the client sent under these names; an empty value sends none.',
    '        # nginx also drops client headers with _ in their names (underscores_in_headers off): keep it so.',
    '        location / {',
    `            proxy_pass http://${params.upstream};`,
  ];
  if (passThrough) {
    lines.push(
      "            # UNSAFE (misconfiguration pass-client-headers, for self-tests): the client's own headers of these",
      "            # names are forwarded next to nginx's.",
    );
  }
  lines.push(...(passThrough ? [set(cert, clientVariable(cert))] : []), set(cert, CERT_VARIABLE));
  if (chain !== undefined) {
    // nginx has no variable for the client's intermediates: the header is cleared, never forwarded.
    lines.push(...(passThrough ? [set(chain, clientVariable(chain))] : []), set(chain, '""'));
  }
  if (verify !== undefined) {
    lines.push(
      ...(passThrough ? [set(verify, clientVariable(verify))] : []),
      set(verify, unsafeVerify ? VERIFY_VARIABLE : '$ssl_client_verify'),
    );
  }
  lines.push('        }');
  return lines;
}

/** The certificate as the format writes it, from nginx's variables. */
function certificateValue(backend: BackendDeclaration): string {
  if (backend.format === 'xfcc') {
    // Envoy's XFCC element; nginx's DN is RFC 2253 with \ escapes, as XFCC's quoted strings take them.
    return `'Cert="$ssl_client_escaped_cert";Subject="$ssl_client_s_dn"'`;
  }
  // pem-urlencoded (the schema's semantic check refuses the formats nginx has no variable for).
  return '$ssl_client_escaped_cert';
}

/** nginx's variable for a request header: `$http_` and the name lower-cased, `-` as `_`. */
function clientVariable(header: string): string {
  return `$http_${header.toLowerCase().replaceAll('-', '_')}`;
}

function describeHeaders(backend: BackendDeclaration): string {
  const { cert, verify, chain } = backend.headers;
  const names = [`${cert} (${backend.format})`, ...(chain ? [chain] : []), ...(verify ? [verify] : [])];
  return names.join(', ');
}
