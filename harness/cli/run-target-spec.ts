import { HarnessError } from '../common/harness-error.ts';
import { runSecrets } from '../common/run-secrets.ts';
import type { AuthConfig, ServerCaRef, TargetConfig } from '../config/config-types.ts';
import { resolveAuthCredentials } from '../config/resolve-target-secrets.ts';
import {
  resolveIdentityFiles,
  toScenarioSelection,
  toTargetDeclaration,
} from '../config/target-declaration.ts';
import type { FixtureSet } from '../pki/fixture-set.ts';
import { describeClientUnderTest } from '../runner/client/client-under-test.ts';
import type { RunTargetSpec } from '../runner/run-conformance.ts';
import { certificateSubjectPattern } from '../scenarios/auth/auth-fixtures.ts';
import { credentialsUserOf } from '../scenarios/auth/credentials-user.ts';
import { withAuthFixtures } from '../scenarios/auth/with-auth-fixtures.ts';
import type { TargetDeclaration } from '../scenarios/scenario.ts';
import type { CredentialUser } from '../servers/credential-mode.ts';
import { MockMtlsServer } from '../servers/mock-mtls-server.ts';
import { StartedTargetHandle } from '../targets/started-target-handle.ts';
import type { TargetProvider } from '../targets/target-provider.ts';
import { createTargetProvider, type TargetProviderSpec } from '../targets/create-target-provider.ts';
import {
  MockAuthorizationServerTargetProvider,
  mockOAuthDeclaration,
} from '../targets/mock-authorization-server-target.ts';

/** A configured target as the runner takes it: declaration, provider, identity and scenario selection. */
export function toRunTargetSpec(target: TargetConfig, fixtures: FixtureSet): RunTargetSpec {
  if (target.client !== undefined) return clientRunTargetSpec(target, target.client, fixtures);
  // Started providers choose their URL when they listen; the runner fills it in then. `auth:` is fitted
  // to the fixture set here, once: whose each fixture is, and what each auth-* scenario presents.
  const declaration = withAuthFixtures(
    withOAuth(target, toTargetDeclaration(target, target.provider === 'url' ? target.url : ''), fixtures),
    fixtures,
  );
  // A mock of suite oauth is the built-in authorization server, not the plain mTLS mock.
  const mockAuthorizationServer = target.suite === 'oauth' && target.provider === 'mock';
  return {
    declaration,
    suite: target.suite,
    provider: mockAuthorizationServer
      ? new MockAuthorizationServerTargetProvider({ declaration, fixtures })
      : target.provider === 'mock' && target.auth !== undefined
        ? mockCredentialTarget(target, target.auth, declaration, fixtures)
        : createTargetProvider(providerSpec(target, declaration), fixtures),
    ...(target.identity ? { identity: resolveIdentityFiles(target.identity) } : {}),
    selection: toScenarioSelection(target),
    ...(target.servername !== undefined ? { servername: target.servername } : {}),
    ...(target.serverCa !== undefined ? { serverCa: serverCaOf(target, target.serverCa) } : {}),
    ...(target.auth !== undefined ? { credentials: resolveAuthCredentials(target.auth) } : {}),
  };
}

/** `serverCa` with the password of a Java truststore read from `serverCaPasswordEnv`. */
function serverCaOf(target: TargetConfig, serverCa: ServerCaRef): NonNullable<RunTargetSpec['serverCa']> {
  const variable = target.serverCaPasswordEnv;
  if ('fixture' in serverCa || variable === undefined) return serverCa;
  const password = process.env[variable];
  if (password !== undefined) runSecrets.add(password, `$${variable}`);
  return {
    ...serverCa,
    ...(password === undefined ? {} : { password }),
    passwordSource: `serverCaPasswordEnv ${variable}`,
  };
}

/**
 * Provider `mock` with `auth:`: the built-in mock playing the declared webMethods mode, with the
 * declared users (a fixture name as subject stands for that fixture's DN: certificateSubjectPattern)
 * and the credentials from the environment registered to the user they belong to (credentialsUserOf;
 * the Basic user name is that user), so the auth-* scenarios can be tried locally.
 */
function mockCredentialTarget(
  target: TargetConfig,
  auth: AuthConfig,
  declaration: TargetDeclaration,
  fixtures: FixtureSet,
): TargetProvider {
  return {
    kind: 'mock',
    start: async () => {
      const started = performance.now();
      const owner = declaration.auth && credentialsUserOf(declaration.auth, declaration.trustedIdentity);
      const credentials: CredentialUser = auth.basic
        ? basicUser(target.name, auth.basic, auth.credentialsUser)
        : { name: owner?.user ?? 'bearer-user', token: readSecret(auth.bearer?.tokenEnv ?? '') };
      const users: CredentialUser[] = auth.users.map(({ subject, user }) => ({
        ...(user === credentials.name ? credentials : {}),
        name: user,
        certificateSubject: certificateSubjectPattern(subject, fixtures),
      }));
      if (!users.some((user) => user.name === credentials.name)) users.push(credentials);
      const versions = [...target.tlsVersions].sort();
      const builder = new MockMtlsServer(fixtures.identity('server'))
        .withTrust(fixtures.trustBundlePem(target.trusts))
        .withTlsVersions(versions[0] ?? 'TLSv1.2', versions.at(-1) ?? 'TLSv1.3')
        .withCredentialMode(auth.mode, { users });
      const server = await builder.start();
      return new StartedTargetHandle({
        kind: 'mock',
        declaration: { ...declaration, url: `${server.url}/healthcheck` },
        startMs: Math.round(performance.now() - started),
        teardown: () => server.stop(),
      });
    },
  };
}

/** The mock knows a user by its Basic user name, so `credentialsUser` must be that name. */
function basicUser(
  targetName: string,
  basic: NonNullable<AuthConfig['basic']>,
  credentialsUser: string | undefined,
): CredentialUser {
  const name = readVariable(basic.userEnv);
  if (credentialsUser !== undefined && credentialsUser !== name) {
    throw new HarnessError(
      `Cannot start the mock of target ${targetName}. auth.credentialsUser is ${credentialsUser} but $${basic.userEnv} is ${name}, and the mock knows a user by its Basic user name; make them equal or remove credentialsUser.`,
    );
  }
  return { name, password: readSecret(basic.passwordEnv) };
}

function readVariable(name: string): string {
  const value = process.env[name];
  if (value === undefined)
    throw new HarnessError(`The environment variable ${name} is not set; export it before the run.`);
  return value;
}

/** readVariable(), and the value registered with runSecrets: a password or token, never a user name. */
function readSecret(name: string): string {
  const value = readVariable(name);
  runSecrets.add(value, `$${name}`);
  return value;
}

/**
 * A `suite: client` target has no endpoint: each of its scenarios starts a mock server of its own. It
 * goes through the runner as a `url` target that starts nothing, its URL field telling what plays the
 * client (`command: curl -sS …`), which the reports show as the target's address.
 */
function clientRunTargetSpec(
  target: TargetConfig,
  client: NonNullable<TargetConfig['client']>,
  fixtures: FixtureSet,
): RunTargetSpec {
  const declaration = toTargetDeclaration(target, describeClientUnderTest(client));
  return {
    declaration,
    suite: target.suite,
    provider: createTargetProvider({ provider: 'url', declaration }, fixtures),
    ...(target.identity ? { identity: resolveIdentityFiles(target.identity) } : {}),
    selection: toScenarioSelection(target),
    clientUnderTest: client,
  };
}

/** The `oauth:` block goes into the declaration; a mock's gets its defaults (tpp1, its own /resource). */
function withOAuth(
  target: TargetConfig,
  declaration: TargetDeclaration,
  fixtures: FixtureSet,
): TargetDeclaration {
  if (target.suite !== 'oauth') return declaration;
  if (target.provider === 'mock')
    return { ...declaration, oauth: mockOAuthDeclaration(target.oauth, fixtures) };
  return target.oauth === undefined ? declaration : { ...declaration, oauth: target.oauth };
}

function providerSpec(target: TargetConfig, declaration: TargetDeclaration): TargetProviderSpec {
  switch (target.provider) {
    case 'url':
      return { provider: 'url', declaration };
    case 'mock':
      return { provider: 'mock', declaration, mock: target.mock };
    case 'nginx':
      return { provider: 'nginx', declaration, nginx: target.nginx };
    case 'openssl':
      return { provider: 'openssl', declaration, openssl: target.openssl };
    case 'container':
      return {
        provider: 'container',
        declaration,
        container: target.container,
        ...(target.nginx === undefined ? {} : { nginx: target.nginx }),
      };
    case 'apache':
      return { provider: 'apache', declaration, apache: target.apache };
    case 'haproxy':
      return { provider: 'haproxy', declaration, haproxy: target.haproxy };
    case 'java':
      return { provider: 'java', declaration, java: target.java };
  }
}
