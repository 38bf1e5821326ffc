import type { Verdict } from './verdict.ts';

/** An HTTP answer that means "the server refused this client", though the TLS handshake succeeded. */
export interface HttpRefusalRule {
  id: string;
  status: number;
  /** Text the body must contain too; absent = the status alone decides. */
  bodyIncludes?: string;
  reason: string;
}

/**
 * The answers the probe counts as a refusal at stage `http`; every other status (2xx, 3xx, 404, 5xx,
 * a 400 without these texts) is `accepted`: the TLS layer let the client in and the status is
 * recorded. 401 and 403 count as refusals whatever their body says: they are how API gateways
 * answer a certificate they do not like, and whether that is the expected refusal is for the
 * scenario to decide, not the probe.
 */
export const httpRefusalRules: readonly HttpRefusalRule[] = [
  // nginx with `ssl_verify_client on` completes the handshake, then answers 400 with these pages
  // (src/http/ngx_http_special_response.c; observed with nginx 1.22, see the recipes).
  {
    id: 'nginx-no-certificate',
    status: 400,
    bodyIncludes: 'No required SSL certificate was sent',
    reason:
      'server answered HTTP 400 "No required SSL certificate was sent" (nginx: the client presented no certificate)',
  },
  {
    id: 'nginx-certificate-error',
    status: 400,
    bodyIncludes: 'The SSL certificate error',
    reason:
      'server answered HTTP 400 "The SSL certificate error" (nginx: the client certificate failed verification)',
  },
  // nginx's own status codes for the same two cases, seen when an error_page exposes them.
  {
    id: 'nginx-495',
    status: 495,
    reason:
      'server answered HTTP 495 SSL Certificate Error (nginx: the client certificate failed verification)',
  },
  {
    id: 'nginx-496',
    status: 496,
    reason: 'server answered HTTP 496 SSL Certificate Required (nginx: the client presented no certificate)',
  },
  { id: 'unauthorized', status: 401, reason: 'server answered HTTP 401 Unauthorized' },
  { id: 'forbidden', status: 403, reason: 'server answered HTTP 403 Forbidden' },
];

/** Applies `httpRefusalRules` to a complete (or bounded) response. */
export function classifyHttpResponse(response: {
  status: number;
  statusText: string;
  body: string;
}): Verdict {
  const rule = httpRefusalRules.find(
    (candidate) =>
      candidate.status === response.status &&
      (candidate.bodyIncludes === undefined || response.body.includes(candidate.bodyIncludes)),
  );
  if (rule) return { outcome: 'rejected', stage: 'http', reason: rule.reason };
  const statusLine = `${response.status}${response.statusText ? ` ${response.statusText}` : ''}`;
  return { outcome: 'accepted', stage: 'http', reason: `server answered HTTP ${statusLine}` };
}
