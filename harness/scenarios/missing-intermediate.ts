import type { Scenario } from './scenario.ts';
import { whenLetIn } from './likely-causes.ts';
import { describeChain, describeTrust } from './trust-rules.ts';

// The client must send the intermediates (RFC 8446 §4.4.2); servers do not fetch missing ones, so the
// path ends at intermediate-ca unless the server holds that CA itself.
export const missingIntermediate: Scenario = {
  id: 'missing-intermediate',
  suite: 'server',
  title: 'Client certificate behind an intermediate CA, chain not sent',
  method: 'probe',
  presents: { kind: 'fixture', fixture: 'intermediate-leaf', withChain: false },
  derivation:
    'rejected: the intermediate is not sent (accepted only if trusts lists both intermediate-ca and its root)',
  expect: (target, fixtures) => {
    const fixture = 'intermediate-leaf';
    const issuer = fixtures.issuerOf(fixture);
    const root = fixtures.rootOf(fixture);
    const chain = `${describeChain(fixture, fixtures)}, sent without ${issuer ?? 'its issuer'}`;
    const holdsPath =
      issuer !== null && root !== null && target.trusts.includes(issuer) && target.trusts.includes(root);
    return holdsPath
      ? { expected: 'accepted', because: `${describeTrust(target)}; ${chain}, which the target holds itself` }
      : {
          expected: 'rejected',
          because: `${describeTrust(target)}; ${chain}, so no path to a trusted CA can be built`,
        };
  },
  likelyCause: whenLetIn(
    'the endpoint holds intermediate-ca itself (in its trust store or a chain file), so it builds the path the client did not send',
  ),
};
