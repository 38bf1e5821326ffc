import type { TargetConfig } from '../config/config-types.ts';
import {
  resolveIdentityFiles,
  toScenarioSelection,
  toTargetDeclaration,
} from '../config/target-declaration.ts';
import type { FixtureSet } from '../pki/fixture-set.ts';
import { describeClientUnderTest } from '../runner/client-under-test.ts';
import type { RunTargetSpec } from '../runner/run-conformance.ts';
import type { TargetDeclaration } from '../scenarios/scenario.ts';
import { createTargetProvider, type TargetProviderSpec } from '../targets/create-target-provider.ts';
import {
  MockAuthorizationServerTargetProvider,
  mockOAuthDeclaration,
} from '../targets/mock-authorization-server-target.ts';

/** A configured target as the runner takes it: declaration, provider, identity and scenario selection. */
export function toRunTargetSpec(target: TargetConfig, fixtures: FixtureSet): RunTargetSpec {
  if (target.client !== undefined) return clientRunTargetSpec(target, target.client, fixtures);
  // Started providers choose their URL when they listen; the runner fills it in then.
  const declaration = withOAuth(
    target,
    toTargetDeclaration(target, target.provider === 'url' ? target.url : ''),
    fixtures,
  );
  // A mock of suite oauth is the built-in authorization server, not the plain mTLS mock.
  const mockAuthorizationServer = target.suite === 'oauth' && target.provider === 'mock';
  return {
    declaration,
    suite: target.suite,
    provider: mockAuthorizationServer
      ? new MockAuthorizationServerTargetProvider({ declaration, fixtures })
      : createTargetProvider(providerSpec(target, declaration), fixtures),
    ...(target.identity ? { identity: resolveIdentityFiles(target.identity) } : {}),
    selection: toScenarioSelection(target),
    ...(target.servername !== undefined ? { servername: target.servername } : {}),
    ...(target.serverCa !== undefined ? { serverCa: target.serverCa } : {}),
  };
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
      return { provider: 'container', declaration, container: target.container };
  }
}
