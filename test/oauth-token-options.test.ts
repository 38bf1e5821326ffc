import { expect } from 'chai';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import {
  BoundedPool,
  certificateThumbprint,
  MockAuthorizationServer,
  type OAuthDeclaration,
  type ScenarioResult,
  type StartedMockAuthorizationServer,
  type TargetContext,
} from '../harness/index.ts';
import { isHarnessError } from '../harness/common/harness-error.ts';
import { parseConfig } from '../harness/config/load-config.ts';
import type { FixtureSet } from '../harness/pki/fixture-set.ts';
import { planOAuthSuite } from '../suites/oauth/oauth-suite.ts';
import { testFixtures } from './support/fixtures.ts';

const resource = 'https://api.example.com/accounts';
const userEnv = 'MTLSC_TEST_INTROSPECTION_USER';
const passwordEnv = 'MTLSC_TEST_INTROSPECTION_PASSWORD';
const adminPassword = 'introspection-admin-s3cret';

describe('oauth token request options: extra form parameters, introspection with Basic credentials from the environment', function () {
  this.timeout(60_000);
  let fixtures: FixtureSet;
  before(async () => {
    fixtures = await testFixtures();
    process.env[userEnv] = 'admin';
    process.env[passwordEnv] = adminPassword;
  });
  after(() => {
    delete process.env[userEnv];
    delete process.env[passwordEnv];
  });

  function mock(): MockAuthorizationServer {
    return new MockAuthorizationServer(fixtures.identity('server'))
      .withTrust(fixtures.trustBundlePem(['ca1', 'ca2']))
      .withClient({
        clientId: 'tpp1',
        authMethod: 'tls_client_auth',
        subject: 'tpp1.demo.axway.com',
        issuersPem: fixtures.certificatePem('ca1'),
      });
  }

  function context(started: StartedMockAuthorizationServer, oauth: OAuthDeclaration): TargetContext {
    return {
      declaration: {
        name: 'mock-as',
        url: started.tokenEndpoint,
        trusts: ['ca1', 'ca2'],
        rejectAt: 'any',
        tlsVersions: ['TLSv1.2', 'TLSv1.3'],
        oauth,
      },
      fixtures,
      trustedIdentity: {
        identity: fixtures.identity('tpp1'),
        files: { certFile: fixtures.path('tpp1', 'crt'), keyFile: fixtures.path('tpp1', 'key') },
      },
      serverTrust: { pem: fixtures.certificatePem('ca1'), file: fixtures.path('ca1', 'crt') },
      timeouts: {},
    };
  }

  async function run(target: TargetContext, only: string[]): Promise<ScenarioResult[]> {
    const planned = planOAuthSuite(target, { only }, new BoundedPool(4));
    const results = await Promise.all(planned.map((scenario) => scenario.result));
    return results.filter((result): result is ScenarioResult => result !== undefined);
  }

  it('sends oauth.tokenParameters with every token request (RFC 8707 resource): without them the server issues nothing', async () => {
    await using started = await mock().withRequiredTokenParameter('resource', resource).start();
    const bare: OAuthDeclaration = { clientId: 'tpp1', authMethod: 'tls_client_auth' };
    const [refused] = await run(context(started, bare), ['token-with-registered-cert']);
    expect(refused?.verdict).to.equal('fail');
    expect(refused?.reason).to.equal(
      `expected 200 with an access token, got HTTP 400 invalid_target ("resource must be "${resource}", got none")`,
    );

    const withResource: OAuthDeclaration = { ...bare, tokenParameters: { resource } };
    const results = await run(context(started, withResource), [
      'token-with-registered-cert',
      'token-with-other-clients-cert',
    ]);
    expect(results.map((result) => `${result.id}: ${result.verdict}`)).to.deep.equal([
      'token-with-registered-cert: pass',
      'token-with-other-clients-cert: pass',
    ]);
    // The other clients' requests carry it too: a failing one's command repeats it.
    await using flawed = await mock()
      .withRequiredTokenParameter('resource', resource)
      .withFlaw('accepts-any-certificate-for-client')
      .start();
    const [other] = await run(context(flawed, withResource), ['token-with-other-clients-cert']);
    expect(other?.verdict).to.equal('fail');
    expect(other?.reproduce).to.include(`--data-urlencode resource=${resource}`);
  });

  it('introspects an opaque token with Basic credentials read from the environment, never reported, and reproduces it with an introspection curl', async () => {
    await using started = await mock()
      .withTokenFormat('opaque')
      .withIntrospectionCredentials('admin', adminPassword)
      .start();
    const oauth: OAuthDeclaration = {
      clientId: 'tpp1',
      authMethod: 'tls_client_auth',
      introspection: { url: '/oauth2/introspect', basic: { userEnv, passwordEnv } },
    };
    const [binding] = await run(context(started, oauth), ['token-bound-to-cert']);

    expect(binding?.verdict, binding?.reason).to.equal('pass');
    expect(binding?.reason).to.match(/^the introspection answer's cnf x5t#S256 is [\w-]{43}/);
    // The declared URL: no metadata read for it.
    expect(binding?.steps?.map((step) => step.label)).to.deep.equal([
      'token request (shared with token-with-registered-cert)',
      'introspection',
    ]);
    const text = JSON.stringify(binding);
    expect(text).not.to.include(adminPassword);
    expect(text).not.to.include(Buffer.from(`admin:${adminPassword}`).toString('base64'));

    // Without the credentials the same server refuses the introspection: the scenario fails, saying so.
    const [refused] = await run(
      context(started, { ...oauth, introspection: { url: '/oauth2/introspect' } }),
      ['token-bound-to-cert'],
    );
    expect(refused?.verdict).to.equal('fail');
    expect(refused?.reason).to.match(/^the introspection endpoint answered HTTP 401 invalid_client/);
  });

  it('reproduces an opaque token binding with an introspection curl that works by hand', async () => {
    await using started = await mock()
      .withTokenFormat('opaque')
      .withIntrospectionCredentials('admin', adminPassword)
      .withFlaw('issues-unbound-tokens')
      .start();
    const oauth: OAuthDeclaration = {
      clientId: 'tpp1',
      authMethod: 'tls_client_auth',
      introspection: { url: '/oauth2/introspect', basic: { userEnv, passwordEnv } },
    };
    const [binding] = await run(context(started, oauth), ['token-bound-to-cert']);

    expect(binding?.verdict).to.equal('fail');
    const command = binding?.reproduce ?? 'false';
    expect(command).to.include(`-u "$${userEnv}:$${passwordEnv}"`);
    expect(command).to.include('--data-urlencode "token=$ACCESS_TOKEN"');
    expect(command).not.to.include(adminPassword);
    const shell = promisify(execFile);
    const replayed = await shell('sh', ['-c', command], { env: { ...process.env } });
    const thumbprint = certificateThumbprint(fixtures.certificatePem('tpp1'));
    expect(replayed.stdout).to.equal(`{\n  "active": true,\n  "cnf": null\n}\n${thumbprint}\n`);
  });

  describe('config', () => {
    const load = (oauth: string, env: NodeJS.ProcessEnv = {}) =>
      parseConfig(
        [
          'targets:',
          '  - name: wso2',
          '    url: https://localhost:9443/oauth2/token',
          '    suite: oauth',
          '    trusts: [ca1]',
          `    oauth: ${oauth}`,
        ].join('\n'),
        { file: 'oauth.yaml', baseDir: '/nonexistent', fixtureNames: ['ca1', 'ca2'], env },
      );
    const failureOf = (oauth: string, env?: NodeJS.ProcessEnv): string => {
      try {
        load(oauth, env);
      } catch (error) {
        expect(isHarnessError(error), String(error)).to.equal(true);
        return (error as Error).message;
      }
      throw new Error('the config loaded without an error');
    };

    it('takes tokenParameters and introspection into the declaration', () => {
      const [target] = load(
        `{ clientId: tpp1, authMethod: tls_client_auth, tokenParameters: { resource: "${resource}" }, introspection: { url: /oauth2/introspect, basic: { userEnv: ${userEnv}, passwordEnv: ${passwordEnv} } } }`,
        { [userEnv]: 'admin', [passwordEnv]: 'x' },
      ).targets;
      expect(target?.oauth).to.deep.include({
        tokenParameters: { resource },
        introspection: { url: '/oauth2/introspect', basic: { userEnv, passwordEnv } },
      });
    });

    it('refuses a parameter the suite sets itself, a bad introspection url, and unset credential variables, naming each field', () => {
      const message = failureOf(
        '{ clientId: tpp1, authMethod: tls_client_auth, tokenParameters: { client_id: other }, introspection: { url: "http://x/introspect", basic: { userEnv: NO_USER, passwordEnv: NO_PASSWORD } } }',
      );
      expect(message).to.include(
        'targets[0].oauth.tokenParameters.client_id (line 6): client_id is set by the suite itself; remove it.',
      );
      expect(message).to.include(
        'targets[0].oauth.introspection.url (line 6): "http://x/introspect" is neither an https:// URL nor a path starting with /',
      );
      expect(message).to.include(
        'targets[0].oauth.introspection.basic.passwordEnv (line 6): the environment variable NO_PASSWORD is not set',
      );
    });
  });
});
