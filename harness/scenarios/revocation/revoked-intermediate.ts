import { whenLetIn } from '../likely-causes.ts';
import { rejectedDespiteIssuer } from '../trust-rules.ts';
import { checksRevocation, describeRevocation } from './revocation-declaration.ts';
import { noRevocationDeclared, type RevocationScenario } from './revocation-scenario.ts';

// RFC 5280 §6.1.3 (a)(3): every certificate of the path is checked for revocation, not only the leaf.
// OpenSSL does so only with X509_V_FLAG_CRL_CHECK_ALL (`-crl_check_all`; nginx's ssl_crl sets it).
export const revokedIntermediate: RevocationScenario = {
  id: 'revoked-intermediate',
  suite: 'server',
  title: 'Client certificate behind a revoked intermediate CA, chain sent',
  method: 'revocation',
  presents: { kind: 'fixture', fixture: 'revoked-intermediate-leaf', withChain: true },
  revokedLevel: 'issuer',
  derivation:
    "rejected when the target declares CRL or OCSP checking: its intermediate is on ca1's CRL (the whole chain is checked)",
  notJudged: (revocation) => (checksRevocation(revocation) ? undefined : noRevocationDeclared),
  expect: (target, fixtures) => {
    const rule = rejectedDespiteIssuer(
      target,
      fixtures,
      'revoked-intermediate-leaf',
      "its intermediate CA is revoked (on ca1's CRL)",
    );
    return target.revocation
      ? { ...rule, because: `${rule.because}; ${describeRevocation(target.revocation)}` }
      : rule;
  },
  likelyCause: whenLetIn(
    'only the leaf is checked for revocation: OpenSSL -crl_check instead of -crl_check_all (X509_V_FLAG_CRL_CHECK_ALL), or ssl_ocsp leaf',
  ),
};
