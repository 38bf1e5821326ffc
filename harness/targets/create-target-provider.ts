import type { FixtureSet } from '../pki/fixture-set.ts';
import { ApacheProcessTargetProvider } from './apache-process-target.ts';
import type { ApacheTargetOptions } from './apache-target-options.ts';
import type { TargetDeclaration } from '../scenarios/scenario.ts';
import type { ContainerTargetOptions } from './container-target-options.ts';
import { ContainerTargetProvider } from './container-target.ts';
import { HaproxyProcessTargetProvider } from './haproxy-process-target.ts';
import type { HaproxyTargetOptions } from './haproxy-target-options.ts';
import { JavaProcessTargetProvider } from './java-process-target.ts';
import type { JavaTargetOptions } from './java-target-options.ts';
import type { MockTargetOptions } from './mock-target-options.ts';
import { MockTargetProvider } from './mock-target.ts';
import { NginxProcessTargetProvider } from './nginx-process-target.ts';
import type { NginxTargetOptions } from './nginx-target-options.ts';
import type { OpenSslTargetOptions } from './openssl-target-options.ts';
import { OpenSslTargetProvider } from './openssl-target.ts';
import type { LocalTargetDeclaration, TargetProvider } from './target-provider.ts';
import { UrlTargetProvider } from './url-target.ts';

/**
 * A target as the config describes it: the provider, its option block, and the declaration (with the
 * URL for `url`; the others choose theirs when they start). A loaded TargetConfig plus its declaration
 * has this shape.
 */
export type TargetProviderSpec =
  | { provider: 'url'; declaration: TargetDeclaration }
  | { provider: 'mock'; declaration: LocalTargetDeclaration; mock?: MockTargetOptions }
  | { provider: 'nginx'; declaration: LocalTargetDeclaration; nginx?: NginxTargetOptions }
  | { provider: 'openssl'; declaration: LocalTargetDeclaration; openssl?: OpenSslTargetOptions }
  | { provider: 'apache'; declaration: LocalTargetDeclaration; apache?: ApacheTargetOptions }
  | { provider: 'haproxy'; declaration: LocalTargetDeclaration; haproxy?: HaproxyTargetOptions }
  | { provider: 'java'; declaration: LocalTargetDeclaration; java?: JavaTargetOptions }
  /** `nginx` shapes the generated nginx.conf the container runs by default. */
  | {
      provider: 'container';
      declaration: LocalTargetDeclaration;
      container?: ContainerTargetOptions;
      nginx?: NginxTargetOptions;
    };

/** The provider that brings `spec` up; nothing starts until its `start()`. */
export function createTargetProvider(spec: TargetProviderSpec, fixtures: FixtureSet): TargetProvider {
  const { declaration } = spec;
  switch (spec.provider) {
    case 'url':
      return new UrlTargetProvider(spec.declaration, fixtures);
    case 'mock':
      return new MockTargetProvider({ declaration, fixtures, ...optional('options', spec.mock) });
    case 'nginx':
      return new NginxProcessTargetProvider({ declaration, fixtures, ...optional('options', spec.nginx) });
    case 'openssl':
      return new OpenSslTargetProvider({ declaration, fixtures, ...optional('options', spec.openssl) });
    case 'apache':
      return new ApacheProcessTargetProvider({ declaration, fixtures, ...optional('options', spec.apache) });
    case 'haproxy':
      return new HaproxyProcessTargetProvider({
        declaration,
        fixtures,
        ...optional('options', spec.haproxy),
      });
    case 'java':
      return new JavaProcessTargetProvider({ declaration, fixtures, ...optional('options', spec.java) });
    case 'container':
      return new ContainerTargetProvider({
        declaration,
        fixtures,
        ...optional('options', spec.container),
        ...optional('nginx', spec.nginx),
      });
  }
}

// exactOptionalPropertyTypes: an absent block must stay absent, not become `options: undefined`.
function optional<K extends string, V>(key: K, value: V | undefined): { [P in K]?: V } {
  return value === undefined ? {} : ({ [key]: value } as { [P in K]: V });
}
