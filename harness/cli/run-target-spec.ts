import type { TargetConfig } from '../config/config-types.ts';
import {
  resolveIdentityFiles,
  toScenarioSelection,
  toTargetDeclaration,
} from '../config/target-declaration.ts';
import type { FixtureSet } from '../pki/fixture-set.ts';
import type { RunTargetSpec } from '../runner/run-conformance.ts';
import type { TargetDeclaration } from '../scenarios/scenario.ts';
import { createTargetProvider, type TargetProviderSpec } from '../targets/create-target-provider.ts';

/** A configured target as the runner takes it: declaration, provider, identity and scenario selection. */
export function toRunTargetSpec(target: TargetConfig, fixtures: FixtureSet): RunTargetSpec {
  // Started providers choose their URL when they listen; the runner fills it in then.
  const declaration = toTargetDeclaration(target, target.provider === 'url' ? target.url : '');
  return {
    declaration,
    suite: target.suite,
    provider: createTargetProvider(providerSpec(target, declaration), fixtures),
    ...(target.identity ? { identity: resolveIdentityFiles(target.identity) } : {}),
    selection: toScenarioSelection(target),
    ...(target.servername !== undefined ? { servername: target.servername } : {}),
    ...(target.serverCa !== undefined ? { serverCa: target.serverCa } : {}),
  };
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
