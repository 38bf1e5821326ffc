import { whenLetIn } from '../likely-causes.ts';
import { TRUSTED_FIXTURE, describeTrust } from '../trust-rules.ts';
import { describeRevocation } from './revocation-declaration.ts';
import { noRevocationDeclared, type RevocationScenario } from './revocation-scenario.ts';

// RFC 5280 §6.3.3 (a)(2): a CRL past its nextUpdate gives no revocation status; a verifier that cannot
// learn a status must not accept (OpenSSL: X509_V_ERR_CRL_HAS_EXPIRED). A gateway that lets a client in
// on an expired CRL fails open: any certificate revoked since it was issued gets in.
export const staleCrl: RevocationScenario = {
  id: 'stale-crl',
  suite: 'server',
  title: 'Valid client certificate while the target holds an expired CRL',
  method: 'revocation',
  presents: { kind: 'fixture', fixture: TRUSTED_FIXTURE, withChain: true },
  derivation: 'with revocation: { crl: true, crlFile: expired }: tpp1 rejected, the CRL gives no status',
  notJudged: (revocation) => {
    if (revocation === undefined) return noRevocationDeclared;
    if (!revocation.crl) {
      return 'the target declares no CRL checking (add crl: true and crlFile: expired to revocation: to judge this)';
    }
    if (revocation.crlFile !== 'expired') {
      return 'the target holds a current CRL (revocation.crlFile: current); give it crl/ca1-expired.crl.pem and declare crlFile: expired to judge this';
    }
    return undefined;
  },
  expect: (target) => ({
    expected: 'rejected',
    because: `${describeTrust(target)}; ${target.revocation ? describeRevocation(target.revocation) : 'no revocation declared'}: its CRL's nextUpdate has passed, so no client has a status (RFC 5280 §6.3.3)`,
  }),
  likelyCause: whenLetIn(
    'an expired CRL is accepted as if current: the target fails open on stale revocation data (OpenSSL reports X509_V_ERR_CRL_HAS_EXPIRED unless the verify callback or -no_check_time ignores it)',
  ),
};
