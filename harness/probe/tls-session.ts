import { inspect } from 'node:util';
import { HarnessError } from '../common/harness-error.ts';
import { readSslSessionFacts, type TlsSessionFacts } from './ssl-session-der.ts';

const pemLabel = 'SSL SESSION PARAMETERS';

/**
 * A TLS session a server issued to a probe (a TLS 1.2 session id and/or ticket, a TLS 1.3 ticket), to
 * offer again for resumption (ProbeOptions.resumeSession). It holds the resumption secret, so it keeps
 * it to itself: JSON.stringify and util.inspect show only its facts, and the bytes come out only
 * through `der` and `toPem()`, for a probe or a 0600 file.
 */
export class TlsSession {
  readonly #der: Buffer;
  /** When the client received it, in milliseconds since the epoch: a ticket's age counts from here. */
  readonly receivedAt: number;
  readonly facts: TlsSessionFacts;

  /** Throws HarnessError when `der` is not a serialised OpenSSL session. */
  constructor(der: Buffer, receivedAt: number) {
    try {
      this.facts = readSslSessionFacts(der);
    } catch (error) {
      throw new HarnessError(
        `Cannot use this TLS session. It is not an OpenSSL SSL_SESSION (${(error as Error).message}).`,
        { cause: error },
      );
    }
    this.#der = Buffer.from(der);
    this.receivedAt = receivedAt;
  }

  /** `openssl s_client -sess_out` writes PEM; its age counts from the session's own creation time. */
  static fromPem(pem: string): TlsSession {
    const body = new RegExp(`-----BEGIN ${pemLabel}-----([^-]+)-----END ${pemLabel}-----`).exec(pem)?.[1];
    if (body === undefined) {
      throw new HarnessError(
        `Cannot read the TLS session. It holds no "-----BEGIN ${pemLabel}-----" block (openssl s_client -sess_out writes one).`,
      );
    }
    const der = Buffer.from(body.replace(/\s+/g, ''), 'base64');
    const facts = new TlsSession(der, 0).facts;
    return new TlsSession(der, facts.createdAt * 1000);
  }

  /** The serialised session (i2d_SSL_SESSION), as Node's `session` option takes it. Secret. */
  get der(): Buffer {
    return Buffer.from(this.#der);
  }

  /** PEM, as `openssl s_client -sess_in` reads it. Secret. */
  toPem(): string {
    const lines = this.#der.toString('base64').match(/.{1,64}/g) ?? [];
    return `-----BEGIN ${pemLabel}-----\n${lines.join('\n')}\n-----END ${pemLabel}-----\n`;
  }

  /** Milliseconds since the client received it. */
  ageMs(now: number = Date.now()): number {
    return Math.max(0, now - this.receivedAt);
  }

  toJSON(): { facts: TlsSessionFacts; receivedAt: string } {
    return { facts: this.facts, receivedAt: new Date(this.receivedAt).toISOString() };
  }

  [inspect.custom](): string {
    return `TlsSession ${inspect(this.toJSON())}`;
  }
}

export type { TlsSessionFacts } from './ssl-session-der.ts';
