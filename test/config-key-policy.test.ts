import { expect } from 'chai';
import { tmpdir } from 'node:os';
import { isHarnessError } from '../harness/common/harness-error.ts';
import { parseConfig } from '../harness/config/load-config.ts';
import { toTargetDeclaration } from '../harness/config/target-declaration.ts';
import { serverScenarios } from '../harness/scenarios/catalogue.ts';
import { testFixtures } from './support/fixtures.ts';

const fixtureNames = ['ca1', 'ca2', 'intermediate-ca', 'rogue-ca'];
const load = (text: string) =>
  parseConfig(text, { file: 'keys.yaml', baseDir: tmpdir(), fixtureNames, env: {} });
const target = (...lines: string[]) =>
  [
    'targets:',
    '  - name: gateway',
    '    url: https://api.example.test/',
    '    trusts: [ca1]',
    ...lines.map((line) => `    ${line}`),
    '',
  ].join('\n');

function failureOf(text: string): string {
  try {
    load(text);
  } catch (error) {
    expect(isHarnessError(error), String(error)).to.equal(true);
    return (error as Error).message;
  }
  throw new Error('the config loaded without an error');
}

describe('config: accepts and allowedSubjects', () => {
  it('loads them into the declaration, and the key scenarios derive their expectations from them', async () => {
    const fixtures = await testFixtures();
    const config = load(
      target(
        'accepts: { keyTypes: [rsa, ec], minRsaBits: 1024, sha1: false }',
        'allowedSubjects: ["CN=tpp1.demo.axway.com,O=AXWAY,C=BR"]',
      ),
    );
    const declaration = toTargetDeclaration(config.targets[0]!);
    expect(declaration.accepts).to.deep.equal({ keyTypes: ['rsa', 'ec'], minRsaBits: 1024, sha1: false });
    expect(declaration.allowedSubjects).to.deep.equal(['CN=tpp1.demo.axway.com,O=AXWAY,C=BR']);
    const rule = (id: string) =>
      serverScenarios.find((scenario) => scenario.id === id)!.expect(declaration, fixtures);
    expect(rule('ed25519-client')).to.deep.include({ expected: 'rejected' });
    expect(rule('ed25519-client').because).to.include('accepts.keyTypes is [rsa, ec], without ed25519');
    expect(rule('weak-rsa-client')).to.deep.include({ expected: 'accepted' });
    expect(rule('sha1-client')).to.deep.include({ expected: 'rejected' });
  });

  it('undeclared: the conservative default, said in the expectation', async () => {
    const fixtures = await testFixtures();
    const declaration = toTargetDeclaration(load(target()).targets[0]!);
    const rule = (id: string) =>
      serverScenarios.find((scenario) => scenario.id === id)!.expect(declaration, fixtures);
    expect(rule('ec-client')).to.deep.include({ expected: 'accepted' });
    expect(rule('weak-rsa-client').expected).to.equal('rejected');
    expect(rule('weak-rsa-client').because).to.include(
      'accepts.minRsaBits is 2048 (the conservative default; declare accepts: to change it)',
    );
    const skip = serverScenarios
      .find((scenario) => scenario.id === 'allow-list-superstring')!
      .skipFor?.(declaration);
    expect(skip).to.match(/^the target declares no allowedSubjects/);
  });

  it('refuses an unknown key type and an empty allow-list, naming the field', () => {
    expect(failureOf(target('accepts: { keyTypes: [dsa] }'))).to.include('targets[0].accepts.keyTypes[0]');
    expect(failureOf(target('allowedSubjects: []'))).to.include('targets[0].allowedSubjects');
  });
});
