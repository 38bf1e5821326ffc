import { whenLetIn } from '../likely-causes.ts';
import type { Scenario } from '../scenario.ts';
import { allowListSkip, nearMissRule } from './allow-list-rules.ts';

// A DN printed as text carries every attribute: an OU whose value is `CN=tpp1.demo.axway.com` puts
// that text into $ssl_client_s_dn (RFC 4514 does not escape `=`), so a substring match lets it in.
export const allowListOuSmuggle: Scenario = {
  id: 'allow-list-ou-smuggle',
  suite: 'server',
  title: 'Allow-list: a client with an OU that contains CN=tpp1.demo.axway.com',
  method: 'probe',
  presents: { kind: 'fixture', fixture: 'tpp1-ou-smuggle', withChain: true },
  derivation: 'with allowedSubjects: rejected, its CN is evil.demo.axway.com; skipped without',
  expect: (target, fixtures) =>
    nearMissRule(
      target,
      fixtures,
      'tpp1-ou-smuggle',
      'its CN is evil.demo.axway.com and only an OU says CN=tpp1.demo.axway.com',
    ),
  skipFor: allowListSkip,
  likelyCause: whenLetIn(
    'the allow-list searches the DN as text, so an attribute value can smuggle another: match the whole DN anchored, or the parsed CN',
  ),
};
