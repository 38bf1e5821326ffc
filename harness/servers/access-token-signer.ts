import { generateKeyPair, randomUUID, sign, verify, type JsonWebKey, type KeyObject } from 'node:crypto';
import { promisify } from 'node:util';

/** The claims of a JWT access token (RFC 9068 §2.2) with the RFC 8705 §3.1 confirmation. */
export interface AccessTokenClaims {
  iss: string;
  sub: string;
  aud: string;
  client_id: string;
  iat: number;
  exp: number;
  jti: string;
  scope?: string;
  /** Absent on an unbound token. */
  cnf?: { 'x5t#S256': string };
}

export type TokenVerification = { valid: true; claims: AccessTokenClaims } | { valid: false; why: string };

/**
 * Signs JWT access tokens with RS256 (RFC 7518 §3.3) under an RSA key generated at start, so a
 * resource server outside the mock can verify them from the public JWK alone (as with Cloudentity
 * or WSO2's jwks_uri) and no key is ever stored in the repository.
 */
export class AccessTokenSigner {
  readonly #privateKey: KeyObject;
  readonly #publicKey: KeyObject;
  /** `kid` of the header and of the JWK. */
  readonly keyId: string;

  private constructor(privateKey: KeyObject, publicKey: KeyObject) {
    this.#privateKey = privateKey;
    this.#publicKey = publicKey;
    this.keyId = randomUUID();
  }

  /** A signer with a fresh 2048-bit key (RFC 7518 §3.3 requires 2048 bits or more). */
  static async generate(): Promise<AccessTokenSigner> {
    const { privateKey, publicKey } = await promisify(generateKeyPair)('rsa', { modulusLength: 2048 });
    return new AccessTokenSigner(privateKey, publicKey);
  }

  /** The public key as a JWK Set entry, for `jwks_uri`. */
  get publicJwk(): JsonWebKey {
    return { ...this.#publicKey.export({ format: 'jwk' }), kid: this.keyId, alg: 'RS256', use: 'sig' };
  }

  sign(claims: AccessTokenClaims): string {
    // RFC 9068 §2.1: JWT access tokens are typed `at+jwt`.
    const header = { alg: 'RS256', typ: 'at+jwt', kid: this.keyId };
    const input = `${encodeJson(header)}.${encodeJson(claims)}`;
    const signature = sign('sha256', Buffer.from(input), this.#privateKey).toString('base64url');
    return `${input}.${signature}`;
  }

  /** Checks the form, the algorithm (RS256 only, never `none`), the signature, the issuer and the expiry. */
  verify(token: string, issuer: string, now = new Date()): TokenVerification {
    const [header, payload, signature, ...rest] = token.split('.');
    if (header === undefined || payload === undefined || signature === undefined || rest.length > 0) {
      return { valid: false, why: 'the token is not a JWT (three base64url parts)' };
    }
    const parsedHeader = decodeJson(header) as { alg?: unknown } | undefined;
    if (parsedHeader?.alg !== 'RS256') return { valid: false, why: 'the token is not signed with RS256' };
    const signed = verify(
      'sha256',
      Buffer.from(`${header}.${payload}`),
      this.#publicKey,
      Buffer.from(signature, 'base64url'),
    );
    if (!signed) return { valid: false, why: 'the token signature does not verify' };
    const claims = decodeJson(payload) as AccessTokenClaims | undefined;
    if (claims === undefined || claims.iss !== issuer)
      return { valid: false, why: 'the token was not issued by this server' };
    if (!(claims.exp > now.getTime() / 1000)) return { valid: false, why: 'the token has expired' };
    return { valid: true, claims };
  }
}

function encodeJson(value: unknown): string {
  return Buffer.from(JSON.stringify(value)).toString('base64url');
}

function decodeJson(part: string): unknown {
  try {
    return JSON.parse(Buffer.from(part, 'base64url').toString('utf8')) as unknown;
  } catch {
    return undefined;
  }
}
