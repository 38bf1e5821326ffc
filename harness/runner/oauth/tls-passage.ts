import type { Observation } from '../../probe/observation.ts';
import { tlsLayerVerdict } from './tls-layer-verdict.ts';

/**
 * Two connections that show what the target's TLS layer does, whatever it is declared to do (issue 19):
 * one with no certificate (is a certificate required, or only asked for?) and one with a certificate
 * nothing the target trusts vouches for (does it verify what it is given?). Absent when not made.
 */
export interface TlsControls {
  withoutCertificate?: Observation;
  unverifiable?: { fixture: string; ca: string; observation: Observation };
}

/** What the TLS layer was seen to do with one connection that reached the application. */
export interface TlsPassage {
  /** One clause, claiming no more than was seen. */
  text: string;
  /** false when the server did not ask for a certificate, so none was sent; undefined when not seen. */
  certificateSent: boolean | undefined;
}

const shownCaNames = 3;

/**
 * The account of a connection presenting `who`'s certificate that got an answer from the application:
 * whether the server asked for a certificate and which CAs it named (its TLS 1.2 CertificateRequest),
 * that the handshake completed with the certificate, and what the controls say about required and
 * verified. A client cannot see whether the server verified a certificate it accepted; only that it
 * refuses one nothing vouches for (OpenSSL and JSSE verify at the handshake unless told not to, as
 * nginx's `optional_no_ca` or a `want` connector with an accept-all trust manager are).
 */
export function describeTlsPassage(observation: Observation, who: string, controls: TlsControls): TlsPassage {
  const requested = observation.tls?.clientCertificateRequested;
  const names = observation.acceptableCaNames;
  if (requested === false) {
    return {
      text: `the server did not ask for a client certificate (no CertificateRequest in its TLS 1.2 handshake), so ${who}'s was not sent`,
      certificateSent: false,
    };
  }
  const parts: string[] = [];
  if (requested === true) {
    const named = !names.obtained
      ? ''
      : names.names.length === 0
        ? ', naming no CA'
        : `, naming ${listNames(names.names)}`;
    parts.push(`the server asked for a client certificate${named}`);
    parts.push(`the handshake completed with ${who}'s certificate`);
  } else {
    const why = names.obtained ? '' : ` (${names.why})`;
    parts.push(`whether the server asked for a client certificate was not seen${why}`);
    parts.push(`the handshake completed, ${who}'s certificate offered`);
  }
  const without = controls.withoutCertificate && tlsLayerVerdict(controls.withoutCertificate);
  if (without === 'let-through')
    parts.push('a client without a certificate completes the handshake too (asked for, not required)');
  if (without === 'refused')
    parts.push('a client without a certificate is refused by the TLS layer (required)');
  const unverifiable = controls.unverifiable;
  const control = unverifiable && tlsLayerVerdict(unverifiable.observation);
  if (unverifiable !== undefined && control === 'refused') {
    parts.push(
      `a certificate from ${unverifiable.ca} (fixture ${unverifiable.fixture}) is refused by the TLS layer, so it verifies certificates`,
    );
  } else if (unverifiable !== undefined && control === 'let-through') {
    parts.push(
      `a certificate from ${unverifiable.ca} (fixture ${unverifiable.fixture}), which the target is not declared to trust, completes the handshake too, so the TLS layer was not seen to verify ${who}'s`,
    );
  } else {
    parts.push(`whether the TLS layer verified ${who}'s certificate was not seen`);
  }
  return { text: parts.join('; '), certificateSent: requested === true ? true : undefined };
}

// A CA's common name says which it is in one line; the full DN is in the observation's evidence.
function listNames(names: readonly string[]): string {
  const quoted = names.slice(0, shownCaNames).map((name) => /(?:^|, )(CN=[^,]+)/.exec(name)?.[1] ?? name);
  const more = names.length > shownCaNames ? ` and ${names.length - shownCaNames} more` : '';
  return `${names.length === 1 ? 'the CA' : `${names.length} CAs:`} ${quoted.join(', ')}${more}`;
}
