import { whenLetIn } from '../likely-causes.ts';
import { rejectedDespiteIssuer } from '../trust-rules.ts';
import { checksRevocation, describeRevocation } from './revocation-declaration.ts';
import { noRevocationDeclared, type RevocationScenario } from './revocation-scenario.ts';

// RFC 5280 §6.3: a certificate listed on its issuer's CRL is not valid; RFC 6960 §2.2: nor one whose
// OCSP status is `revoked`. Either check, when the target declares it, must refuse `revoked`.
export const revokedClientCert: RevocationScenario = {
  id: 'revoked-client-cert',
  suite: 'server',
  title: 'Revoked client certificate',
  method: 'revocation',
  presents: { kind: 'fixture', fixture: 'revoked', withChain: true },
  derivation:
    "rejected when the target declares CRL or OCSP checking: it is on ca1's CRL and OCSP says revoked",
  notJudged: (revocation) => (checksRevocation(revocation) ? undefined : noRevocationDeclared),
  expect: (target, fixtures) => {
    const rule = rejectedDespiteIssuer(
      target,
      fixtures,
      'revoked',
      "it is revoked (on ca1's CRL, OCSP revoked)",
    );
    return target.revocation
      ? { ...rule, because: `${rule.because}; ${describeRevocation(target.revocation)}` }
      : rule;
  },
  likelyCause: whenLetIn(
    'revocation is not checked: nginx needs ssl_crl with the CRL of every CA in the chain (or ssl_ocsp on); a CRL file that does not list this serial is an old one',
  ),
};
