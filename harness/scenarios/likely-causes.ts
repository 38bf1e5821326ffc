import type { ScenarioFailure } from './scenario.ts';

// What a failure most likely means, one line each, for the person who reads it in a CI log: the
// configuration to look at first. The nginx directive is named because nginx is what most gateways
// (and ingress controllers) are; the mechanism is said too, for the others.

type Cause = (failure: ScenarioFailure) => string | undefined;

/** A client that should be refused was let in: `cause` says which check the endpoint skips. */
export function whenLetIn(cause: string): Cause {
  return ({ expected, observed }) =>
    expected === 'rejected' && observed.outcome === 'accepted' ? cause : undefined;
}

/** no-client-cert: accepted without a certificate, told apart by whether one was asked for. */
export const noCertificateCause: Cause = ({ expected, observed }) => {
  if (expected !== 'rejected' || observed.outcome !== 'accepted') return undefined;
  const requested = observed.tls?.clientCertificateRequested;
  if (requested === true) {
    return 'a certificate is requested but not required: ssl_verify_client optional (or optional_no_ca), or client auth "want" instead of "need"';
  }
  if (requested === false) {
    return 'no client certificate is asked for at all: mutual TLS is not enabled on this endpoint (ssl_verify_client off?), or the URL is not the mTLS listener';
  }
  return 'the endpoint does not require a client certificate (ssl_verify_client on, or client auth "need")';
};

/**
 * A client the target should accept was refused. When the CertificateRequest names the presented
 * certificate's issuer, the endpoint holds a CA of that name with another key: typically the CA of
 * another fixture set (the set was regenerated, or the config points at another folder).
 */
export const trustedRefusedCause: Cause = ({ expected, observed, fixturesDir }) => {
  if (expected !== 'accepted' || observed.outcome !== 'rejected') return undefined;
  const issuer = observed.clientCertificate?.issuer;
  const names = observed.acceptableCaNames;
  if (issuer === undefined || !names.obtained) return undefined;
  if (names.names.includes(issuer)) {
    return `the endpoint asks for a CA named ${issuer} yet refuses this certificate: it holds a CA of that name with another key (from another fixture set than ${fixturesDir}?); load the presented certificate's own CA (${fixturesDir}/trust/) into its trust store`;
  }
  return `the endpoint does not list the presented certificate's issuer (${issuer}) among the CAs it accepts: add it to its trust store (ssl_client_certificate)`;
};

/** Either way round: a cause for a wrongful acceptance, another for a wrongful refusal. */
export function eitherWay(letIn: Cause, refused: Cause): Cause {
  return (failure) => letIn(failure) ?? refused(failure);
}
