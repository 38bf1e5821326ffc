import { expect } from 'chai';
import { readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import {
  availableSuites,
  catalogue,
  findScenario,
  scenarioIds,
  scenariosOf,
  serverScenarios,
  suiteNames,
} from '../harness/scenarios/catalogue.ts';
import type { Scenario } from '../harness/scenarios/scenario.ts';

// The ids are a contract (issue 4): reports, baselines and configs refer to them.
const contractIds = [
  'no-client-cert',
  'trusted-client',
  'second-ca-client',
  'untrusted-ca',
  'expired-client-cert',
  'not-yet-valid-client-cert',
  'self-signed-client-cert',
  'wrong-eku',
  'intermediate-chain',
  'missing-intermediate',
  'bad-keystore-password',
  'tls-legacy-versions',
  'tls-1.2',
  'tls-1.3',
  'server-identity',
  // The key and certificate-policy matrix (harness/scenarios/keys/).
  'ec-client',
  'ed25519-client',
  'rsa-pss-client',
  'weak-rsa-client',
  'sha1-client',
  'ca-true-leaf',
  'name-constraint-violation',
  'allow-list-superstring',
  'allow-list-ou-smuggle',
  'allow-list-same-dn-other-ca',
];

const scenariosFolder = fileURLToPath(new URL('../harness/scenarios/', import.meta.url));

describe('scenario catalogue', () => {
  it('lists the contract ids of the server suite in a stable order', () => {
    expect(serverScenarios.map((scenario) => scenario.id)).to.deep.equal(contractIds);
    expect(scenarioIds('server')).to.deep.equal(contractIds);
  });

  it('keys the catalogue by suite', () => {
    expect(Object.keys(catalogue)).to.deep.equal([...suiteNames]);
    // Issue 11: the oauth ids are a contract too.
    expect(scenarioIds('oauth')).to.deep.equal([
      'token-with-registered-cert',
      'token-without-cert',
      'token-with-other-clients-cert',
      'token-bound-to-cert',
      'resource-with-bound-token',
      'resource-with-stolen-token',
      'metadata-advertises-mtls',
      'token-with-impostor-cert',
      'resource-with-token-no-cert',
    ]);
    expect(availableSuites()).to.deep.equal(['server', 'client', 'oauth']);
    for (const suite of suiteNames) {
      for (const scenario of catalogue[suite]) expect(scenario.suite).to.equal(suite);
    }
  });

  it('has ids unique across suites, so an id alone finds its scenario', () => {
    const ids = scenariosOf().map((scenario) => scenario.id);
    expect(new Set(ids).size).to.equal(ids.length);
    expect(findScenario('second-ca-client')?.title).to.equal(
      'Client certificate from the second CA (same subject DN as ca1)',
    );
    expect(findScenario('second-ca-client', 'client')).to.equal(undefined);
    expect(findScenario('no-such-scenario')).to.equal(undefined);
  });

  it("keeps one file per scenario, named after its id, in its suite's folder", async () => {
    for (const scenario of scenariosOf()) {
      // The server suite's files are at the top, its key matrix in keys/; the other suites have a folder each.
      const keysFolder = `${scenariosFolder}keys/`;
      const folder =
        scenario.suite !== 'server'
          ? `${scenariosFolder}${scenario.suite}/`
          : readdirSync(keysFolder).includes(`${scenario.id}.ts`)
            ? keysFolder
            : scenariosFolder;
      const files = readdirSync(folder).filter((file) => file.endsWith('.ts'));
      expect(files, `${scenario.id}.ts`).to.include(`${scenario.id}.ts`);
      const module = (await import(new URL(`${scenario.id}.ts`, `file://${folder}`).href)) as Record<
        string,
        Scenario
      >;
      const exported = Object.values(module).map((value) => value.id);
      expect(exported, `${scenario.id}.ts exports it`).to.deep.equal([scenario.id]);
    }
  });

  it('gives every scenario kebab-case id, a title and a one-line derivation', () => {
    for (const scenario of scenariosOf()) {
      expect(scenario.id).to.match(/^[a-z0-9]+(?:[-.][a-z0-9]+)*$/);
      expect(scenario.title).to.not.equal('');
      expect(scenario.derivation).to.not.equal('').and.not.include('\n');
    }
  });

  it('pins the TLS versions of the version scenarios', () => {
    expect(findScenario('tls-legacy-versions')).to.include({ method: 'tls-versions' });
    expect(findScenario('tls-legacy-versions')?.tlsVersions).to.deep.equal(['TLSv1', 'TLSv1.1']);
    expect(findScenario('tls-1.2')?.tlsVersions).to.deep.equal(['TLSv1.2']);
    expect(findScenario('tls-1.3')?.tlsVersions).to.deep.equal(['TLSv1.3']);
    expect(findScenario('bad-keystore-password')?.method).to.equal('keystore-password');
    expect(findScenario('server-identity')?.method).to.equal('server-identity');
    expect(findScenario('missing-intermediate')?.presents).to.deep.equal({
      kind: 'fixture',
      fixture: 'intermediate-leaf',
      withChain: false,
    });
  });
});
