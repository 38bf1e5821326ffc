import { expect } from 'chai';
import { isHarnessError } from '../harness/common/harness-error.ts';
import { toRunTargetSpec } from '../harness/cli/run-target-spec.ts';
import { parseConfig } from '../harness/config/load-config.ts';
import type { FixtureSet } from '../harness/pki/fixture-set.ts';
import { MockAuthorizationServerTargetProvider } from '../harness/targets/mock-authorization-server-target.ts';
import { testFixtures } from './support/fixtures.ts';

const load = (text: string) =>
  parseConfig(text, { file: 'oauth.yaml', baseDir: '/nonexistent', fixtureNames: ['ca1', 'ca2'], env: {} });

function failureOf(text: string): string {
  try {
    load(text);
  } catch (error) {
    expect(isHarnessError(error), String(error)).to.equal(true);
    return (error as Error).message;
  }
  throw new Error('the config loaded without an error');
}

describe('config of oauth targets', function () {
  this.timeout(30_000);
  let fixtures: FixtureSet;

  before(async () => {
    fixtures = await testFixtures();
  });

  it('hands a url target its oauth block as the declaration the suite reads', () => {
    const [target] = load(
      [
        'targets:',
        '  - name: wso2',
        '    url: https://localhost:9443/oauth2/token',
        '    suite: oauth',
        '    trusts: [ca1]',
        '    oauth: { clientId: qiB6avlILBqnJLSxOfadoJYwOnQa, authMethod: self_signed_tls_client_auth, scope: accounts }',
      ].join('\n'),
    ).targets;
    const spec = toRunTargetSpec(target!, fixtures);

    expect(spec.provider.kind).to.equal('url');
    expect(spec.declaration).to.deep.include({
      url: 'https://localhost:9443/oauth2/token',
      oauth: {
        clientId: 'qiB6avlILBqnJLSxOfadoJYwOnQa',
        authMethod: 'self_signed_tls_client_auth',
        scope: 'accounts',
      },
    });
  });

  it('starts the mock authorization server for a mock target, with tpp1 registered and its own resource', async () => {
    const [target] = load(
      ['targets:', '  - { name: mock-as, provider: mock, suite: oauth, trusts: [ca1, ca2] }'].join('\n'),
    ).targets;
    const spec = toRunTargetSpec(target!, fixtures);

    expect(spec.provider).to.be.instanceOf(MockAuthorizationServerTargetProvider);
    expect(spec.declaration.oauth).to.deep.equal({
      clientId: 'tpp1',
      authMethod: 'tls_client_auth',
      expectedSubject: 'tpp1.demo.axway.com',
      resourceUrl: '/resource',
    });
    await using started = await spec.provider.start();
    expect(started.url).to.match(/^https:\/\/127\.0\.0\.1:\d+\/oauth2\/token$/);
  });

  it('reports every misplaced or inconsistent oauth field at once, before any network I/O', () => {
    const message = failureOf(
      [
        'targets:',
        '  - name: edge',
        '    provider: nginx',
        '    suite: oauth',
        '    trusts: [ca1]',
        '    oauth: { clientId: tpp1, authMethod: self_signed_tls_client_auth, expectedSubject: tpp1.demo.axway.com, resourceUrl: ftp://x/r }',
        '  - name: mock-as',
        '    provider: mock',
        '    suite: oauth',
        '    trusts: [ca1]',
        '    mock: { clientAuth: require }',
      ].join('\n'),
    );

    expect(message.split('\n')).to.deep.equal([
      'Cannot load oauth.yaml: 4 problems.',
      '  targets[0].provider (line 3): nginx cannot be an authorization server; suite oauth runs against provider url (your token endpoint) or mock (the built-in one).',
      '  targets[0].oauth.expectedSubject (line 6): only used with authMethod tls_client_auth; self_signed_tls_client_auth compares the whole certificate, so remove it.',
      '  targets[0].oauth.resourceUrl (line 6): "ftp://x/r" is neither an https:// URL nor a path starting with / (resolved against the token endpoint\'s origin).',
      '  targets[1].mock (line 11): not used with suite oauth: the mock authorization server asks for a certificate without insisting (WSO2\'s clientAuth="want") and refuses at the token endpoint; remove mock.',
    ]);
  });
});
