import { randomBytes } from 'node:crypto';
import type { AccessTokenClaims, AccessTokenSigner, TokenVerification } from './access-token-signer.ts';

/**
 * `jwt`: self-contained RS256 access tokens a resource server can decode (RFC 9068, RFC 8705 §3.1);
 * `opaque`: random strings only the AS can resolve, through introspection (RFC 7662, RFC 8705 §3.2).
 */
export type AccessTokenFormat = 'jwt' | 'opaque';

export const accessTokenFormats: readonly AccessTokenFormat[] = ['jwt', 'opaque'];

/** Issues access tokens in one format and answers for them, for the resource and for introspection. */
export class AccessTokenIssuer {
  readonly #opaque = new Map<string, AccessTokenClaims>();

  constructor(
    private readonly signer: AccessTokenSigner,
    private readonly format: AccessTokenFormat,
  ) {}

  issue(claims: AccessTokenClaims): string {
    if (this.format === 'jwt') return this.signer.sign(claims);
    const token = randomBytes(32).toString('base64url');
    this.#opaque.set(token, claims);
    return token;
  }

  validate(token: string, issuer: string, now = new Date()): TokenVerification {
    if (this.format === 'jwt') return this.signer.verify(token, issuer, now);
    const claims = this.#opaque.get(token);
    if (claims === undefined) return { valid: false, why: 'the token was not issued by this server' };
    if (!(claims.exp > now.getTime() / 1000)) return { valid: false, why: 'the token has expired' };
    return { valid: true, claims };
  }
}
