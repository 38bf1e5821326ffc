import type { Observation } from '../../probe/observation.ts';
import { isRecord } from './decode-jwt.ts';

/** What a token endpoint's answer says: a token (RFC 6749 §5.1), an error (§5.2), or neither. */
export type TokenResponse =
  | { issued: true; accessToken: string; tokenType?: string; expiresIn?: number }
  | { issued: false; error?: string; description?: string };

/** Reads the token endpoint's JSON answer; a 200 without `access_token` is not an issued token. */
export function readTokenResponse(observation: Observation): TokenResponse {
  const json = readJsonBody(observation);
  if (!isRecord(json)) return { issued: false };
  const accessToken = json.access_token;
  if (observation.http?.status === 200 && typeof accessToken === 'string' && accessToken !== '') {
    return {
      issued: true,
      accessToken,
      ...(typeof json.token_type === 'string' ? { tokenType: json.token_type } : {}),
      ...(typeof json.expires_in === 'number' ? { expiresIn: json.expires_in } : {}),
    };
  }
  return {
    issued: false,
    ...(typeof json.error === 'string' ? { error: json.error } : {}),
    ...(typeof json.error_description === 'string' ? { description: json.error_description } : {}),
  };
}

/** The response body parsed as JSON, or undefined when there is none or it is not JSON. */
export function readJsonBody(observation: Observation): unknown {
  const text = observation.http?.body ?? observation.http?.bodyExcerpt;
  if (text === undefined || text.trim() === '') return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

/** `HTTP 401 invalid_client ("no client certificate was presented")`, or the probe's reason without HTTP. */
export function describeAnswer(observation: Observation): string {
  if (observation.http === undefined) return observation.reason;
  const json = readJsonBody(observation);
  const error = isRecord(json) && typeof json.error === 'string' ? ` ${json.error}` : '';
  const description =
    isRecord(json) && typeof json.error_description === 'string' ? ` ("${json.error_description}")` : '';
  return `HTTP ${observation.http.status}${error}${description}`;
}
