import type { Observation } from '../../probe/observation.ts';
import { undecided, type Judgement } from '../judgement.ts';

/**
 * A client that should be accepted got through the TLS layer, but the answer is not the resource's:
 * a 404 (the URL's path does not exist there, so the route that matters was never tried), a 421 (the
 * connection reached another site than the URL's host) or a 5xx
 * (the gateway let the client in and then failed). Neither shows the endpoint accepting the client,
 * nor refusing it: the scenario fails undecided, with what to fix. Undefined for any other status
 * (2xx, 3xx and other 4xx are the application's answer to an accepted client).
 */
export function judgeAcceptedStatus(observation: Observation): Judgement | undefined {
  const status = observation.http?.status;
  if (status === undefined) return undefined;
  const path = pathOf(observation.url);
  if (status === 404) {
    return undecided(
      `expected accepted, but the answer is HTTP 404: the TLS layer let the client in, and nothing answers at ${path}, so acceptance by the endpoint is not shown`,
      `wrong URL path? point the target's url at a route that answers 2xx to a trusted client (e.g. /healthcheck)`,
    );
  }
  if (status === 421) {
    // RFC 9110 §15.5.20: the server that took the connection does not serve this host (nginx's answer
    // when the SNI and the Host header name different sites). The route was never tried.
    return undecided(
      `expected accepted, but the answer is HTTP 421 Misdirected Request: the connection reached a site that does not serve the URL's host, so acceptance by the endpoint is not shown`,
      "the SNI sent (the target's servername, else the URL's host) names another site than the Host header; set servername to the site's name",
    );
  }
  if (status >= 500 && status <= 599) {
    return undecided(
      `expected accepted, but the answer is HTTP ${status}: the TLS layer let the client in, and the endpoint failed to answer ${path}, so acceptance is not shown`,
      'the service behind the gateway failed (an upstream down, or an error handling the forwarded certificate); check its logs',
    );
  }
  return undefined;
}

function pathOf(url: string): string {
  try {
    return new URL(url).pathname || '/';
  } catch {
    return url;
  }
}
