import {
  defaultVerifiedValue,
  forwardedCertificateFormats,
  type ForwardedCertificateFormat,
} from '../pki/forwarded-certificate-format.ts';
import { headerNamesOf } from './backend-declaration-of.ts';
import { REQUEST_ID_HEADER } from '../scenarios/backend/backend-declaration.ts';
import type { ConfigProblem } from './config-problem.ts';
import type { TargetEntry } from './config-types.ts';
import { describeValue } from './describe-value.ts';

type Entry = Partial<Record<keyof TargetEntry, unknown>>;
type At = (...path: (string | number)[]) => (string | number)[];

/**
 * What the generated nginx.conf can write. nginx 1.22 has `$ssl_client_escaped_cert` and
 * `$ssl_client_s_dn` but no base64-DER variable, and `$ssl_client_cert` folds its lines with a bare
 * line feed and a tab, which Node's and most strict HTTP parsers refuse (HPE_CR_EXPECTED, seen here).
 */
export const nginxBackendFormats: readonly ForwardedCertificateFormat[] = ['pem-urlencoded', 'xfcc'];

/**
 * What the schema cannot say about the `backend:` block: it belongs to a server-suite target with an
 * HTTP URL; the gateway that the harness generates writes its format; its header names are distinct
 * and not the request id header; `misconfiguration` is only for a gateway the harness generates.
 */
export function backendTargetProblems(target: Entry, at: At): ConfigProblem[] {
  const backend = target.backend;
  if (!isRecord(backend)) return [];
  const problems: ConfigProblem[] = [];
  const suite = target.suite ?? 'server';
  if (suite !== 'server') {
    problems.push({
      path: at('backend'),
      message: `only used with suite server, but suite is ${typeof suite === 'string' ? suite : describeValue(suite)}; remove backend or set suite: server`,
    });
  }
  if (target.client !== undefined) return problems;
  const provider = target.provider ?? 'url';
  if (typeof target.url === 'string' && target.url.startsWith('tls://')) {
    problems.push({
      path: at('url'),
      message:
        'is a tls:// URL (handshake only), but backend sends HTTP requests through the gateway; give the https:// URL of your echo endpoint',
    });
  }
  const ownCommand = isRecord(target.container) && target.container.command !== undefined;
  const generated = provider === 'nginx' || provider === 'mock' || (provider === 'container' && !ownCommand);
  if (provider === 'openssl') {
    problems.push({
      path: at('backend'),
      message:
        'not used with provider openssl: openssl s_server cannot proxy to a backend; use provider nginx, container or mock, or url for a gateway of yours',
    });
  }
  const format = backend.format;
  if (
    (provider === 'nginx' || (provider === 'container' && !ownCommand)) &&
    typeof format === 'string' &&
    !(nginxBackendFormats as readonly string[]).includes(format)
  ) {
    problems.push({
      path: at('backend', 'format'),
      message: `${format} cannot be written by the generated nginx.conf (stock nginx has no variable for it); with provider ${provider} use format ${nginxBackendFormats.join(' or ')}, or provider mock, which writes all five`,
    });
  }
  if (target.auth !== undefined) {
    problems.push({
      path: at('backend'),
      message:
        'not used together with auth: the backend probes send no credentials, so a gateway that wants them would refuse every one; declare the backend on a second target with the same url',
    });
  }
  const verifiedValue = backend.verifiedValue;
  if (generated && typeof verifiedValue === 'string' && verifiedValue !== defaultVerifiedValue) {
    problems.push({
      path: at('backend', 'verifiedValue'),
      message: `${describeValue(verifiedValue)} is not what the gateway the harness generates writes (nginx's ${defaultVerifiedValue}); remove it`,
    });
  }
  if (backend.misconfiguration !== undefined && !generated) {
    problems.push({
      path: at('backend', 'misconfiguration'),
      message: `only used with a gateway the harness generates (providers nginx, container without command, mock), but provider is ${typeof provider === 'string' ? provider : describeValue(provider)}${ownCommand ? ' with your own command' : ''}; remove it`,
    });
  }
  problems.push(...headerNameProblems(backend, at, provider === 'nginx' || provider === 'container'));
  return problems;
}

function headerNameProblems(backend: Record<string, unknown>, at: At, nginx: boolean): ConfigProblem[] {
  const format = backend.format;
  if (typeof format !== 'string' || !(forwardedCertificateFormats as readonly string[]).includes(format))
    return [];
  const given = isRecord(backend.headers) ? backend.headers : {};
  const names = headerNamesOf(
    format as ForwardedCertificateFormat,
    Object.fromEntries(Object.entries(given).filter(([, name]) => typeof name === 'string')),
  );
  const problems: ConfigProblem[] = [];
  const seen: { role: string; name: string }[] = [];
  for (const role of ['cert', 'verify', 'chain'] as const) {
    const name = names[role];
    if (name === undefined) continue;
    const path = given[role] === undefined ? at('backend', 'headers') : at('backend', 'headers', role);
    if (name.toLowerCase() === REQUEST_ID_HEADER.toLowerCase()) {
      problems.push({
        path,
        message: `${describeValue(name)} is the request id header the backend probes send; name the header your gateway sets`,
      });
    }
    // Other token characters (`$`, `'`, `|`…) would be read by nginx's config parser, not sent.
    if (nginx && !/^[A-Za-z0-9-]+$/.test(name)) {
      problems.push({
        path,
        message: `${describeValue(name)} cannot be written into the generated nginx.conf; use letters, digits and -`,
      });
    }
    const same = seen.find((other) => other.name.toLowerCase() === name.toLowerCase());
    if (same !== undefined) {
      problems.push({
        path,
        message: `${describeValue(name)} is also headers.${same.role}; each role needs its own header`,
      });
    }
    seen.push({ role, name });
  }
  return problems;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
