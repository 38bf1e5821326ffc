import { availableSuites, declaredScenarios, scenarioIds } from '../scenarios/catalogue.ts';
import { authTargetProblems, keystoreIdentityProblems } from './check-auth-target.ts';
import { backendTargetProblems } from './check-backend-target.ts';
import { clientTargetProblems, misplacedClientProblem } from './check-client-target.ts';
import { oauthTargetProblems } from './check-oauth-target.ts';
import { sharedWithProblems } from './check-shared-with.ts';
import type { ConfigProblem } from './config-problem.ts';
import {
  providerKinds,
  suiteKinds,
  type ProviderKind,
  type Suite,
  type TargetEntry,
} from './config-types.ts';
import { closestName, listChoices } from './describe-value.ts';
import { targetUrlProblem } from './target-url.ts';

const providerBlocks = [
  'mock',
  'nginx',
  'openssl',
  'container',
  'apache',
  'haproxy',
  'java',
] as const satisfies readonly ProviderKind[];

/**
 * What the schema cannot say about one target: the URL, which provider block goes with which provider,
 * a complete identity, and scenario ids that exist in the target's suite. It runs on targets that also
 * failed the schema, so every problem is reported at once, and reads only the fields whose type is
 * right (a field of the wrong type has its schema problem already).
 */
export function targetSemanticProblems(entry: unknown, index: number): ConfigProblem[] {
  if (!isRecord(entry)) return [];
  const target = entry as Partial<Record<keyof TargetEntry, unknown>>;
  const at = (...path: (string | number)[]) => ['targets', index, ...path];
  const problems: ConfigProblem[] = [];
  const suite = target.suite ?? 'server';
  const provider = target.provider ?? 'url';
  if (suite === 'client') problems.push(...clientTargetProblems(target, at));
  else if (isOneOf(provider, providerKinds)) problems.push(...providerProblems(target, provider, at));
  if (suite !== 'client' && target.client !== undefined && typeof suite === 'string') {
    problems.push(misplacedClientProblem(suite, at));
  }
  if (isRecord(target.identity)) {
    const keystore = target.identity.keystore !== undefined;
    if (!keystore) problems.push(...identityProblems(target.identity, at));
    problems.push(...keystoreIdentityProblems(target.identity, at));
  }
  problems.push(...authTargetProblems(target, at));
  problems.push(...backendTargetProblems(target, at));
  problems.push(...oauthTargetProblems(target, at));
  problems.push(...sharedWithProblems(target, at));
  if (isOneOf(suite, suiteKinds)) {
    if (!availableSuites().includes(suite)) {
      problems.push({
        path: at('suite'),
        message: `"${suite}" has no scenarios in this version; allowed: ${listChoices(availableSuites())}`,
      });
    } else if (isRecord(target.scenarios)) {
      problems.push(...selectionProblems(target.scenarios, suite, at, target));
    }
  }
  return problems;
}

type At = (...path: (string | number)[]) => (string | number)[];

function providerProblems(
  target: Partial<Record<keyof TargetEntry, unknown>>,
  provider: ProviderKind,
  at: At,
): ConfigProblem[] {
  const problems: ConfigProblem[] = [];
  if (provider === 'url') {
    if (target.url === undefined) {
      problems.push({
        path: at('url'),
        message: 'missing; provider url (the default) needs https://host:port/path or tls://host:port',
      });
    } else if (typeof target.url === 'string') {
      const problem = targetUrlProblem(target.url);
      if (problem) problems.push({ path: at('url'), message: problem });
    }
  } else if (target.url !== undefined) {
    problems.push({
      path: at('url'),
      message: `not used with provider ${provider}, which chooses its own address; remove it`,
    });
  }
  for (const block of providerBlocks) {
    const usedBy: readonly ProviderKind[] = block === 'nginx' ? ['nginx', 'container'] : [block];
    if (target[block] !== undefined && !usedBy.includes(provider)) {
      const providers = usedBy.join(' or ');
      problems.push({
        path: at(block),
        message: `only used with provider ${providers}, but provider is ${provider}; set provider: ${block} or remove ${block}`,
      });
    }
  }
  const container = target.container;
  if (
    provider === 'container' &&
    isRecord(container) &&
    container.command !== undefined &&
    container.port === undefined
  ) {
    problems.push({
      path: at('container', 'port'),
      message: 'missing; required with command, since the harness cannot know where your image listens',
    });
  }
  return problems;
}

function identityProblems(identity: Record<string, unknown>, at: At): ConfigProblem[] {
  const pem = identity.cert !== undefined || identity.key !== undefined || identity.chain !== undefined;
  const p12 = identity.p12 !== undefined;
  if (pem && p12) {
    return [{ path: at('identity'), message: 'give cert and key, or p12, not both' }];
  }
  if (!pem && !p12) {
    return [
      {
        path: at('identity'),
        message: 'names no file; give cert and key (PEM files), or p12 with passphraseEnv',
      },
    ];
  }
  const problems: ConfigProblem[] = [];
  if (pem) {
    if (identity.cert === undefined) {
      problems.push({
        path: at('identity', 'cert'),
        message: 'missing; key and chain need the certificate file',
      });
    }
    if (identity.key === undefined) {
      problems.push({ path: at('identity', 'key'), message: 'missing; cert needs its private key file' });
    }
    if (identity.passphraseEnv !== undefined) {
      problems.push({
        path: at('identity', 'passphraseEnv'),
        message: 'only used with p12; the PEM key must be unencrypted',
      });
    }
  }
  return problems;
}

function selectionProblems(
  selection: Record<string, unknown>,
  suite: Suite,
  at: At,
  target: {
    auth?: unknown;
    backend?: unknown;
    sharedWith?: unknown;
    resumption?: unknown;
    revocation?: unknown;
  },
): ConfigProblem[] {
  // A target with `auth:`, `backend:`, `sharedWith` or `resumption` also runs the scenarios it adds,
  // so their ids may be selected too.
  const valid = [...scenarioIds(suite), ...declaredScenarios(target, suite).map((scenario) => scenario.id)];
  const unknown = (id: string) => {
    const guess = closestName(id, valid);
    return `"${id}" is not a scenario of the ${suite} suite${guess ? ` (did you mean ${guess}?)` : ''}; allowed: ${listChoices(valid)}`;
  };
  const only = Array.isArray(selection.only) ? (selection.only as unknown[]) : [];
  const skip = isRecord(selection.skip) ? selection.skip : {};
  const expect = isRecord(selection.expect) ? selection.expect : {};
  const problems: ConfigProblem[] = [];
  only.forEach((id, position) => {
    if (typeof id === 'string' && !valid.includes(id)) {
      problems.push({ path: at('scenarios', 'only', position), message: unknown(id) });
    }
  });
  for (const id of Object.keys(skip)) {
    if (!valid.includes(id)) problems.push({ path: at('scenarios', 'skip', id), message: unknown(id) });
    else if (only.includes(id)) {
      problems.push({
        path: at('scenarios', 'skip', id),
        message: 'is also listed in only; remove it from one of them',
      });
    }
  }
  for (const id of Object.keys(expect)) {
    if (!valid.includes(id)) problems.push({ path: at('scenarios', 'expect', id), message: unknown(id) });
    else if (id in skip) {
      problems.push({
        path: at('scenarios', 'expect', id),
        message: 'is also skipped, so no expectation applies; remove it from skip or from expect',
      });
    }
  }
  return problems;
}

/** Target names must be unique, ignoring case: reports use them in file names. */
export function duplicateNameProblems(targets: readonly unknown[]): ConfigProblem[] {
  const firstIndex = new Map<string, { index: number; name: string }>();
  const problems: ConfigProblem[] = [];
  targets.forEach((target, index) => {
    const name = (target as { name?: unknown } | null)?.name;
    if (typeof name !== 'string') return;
    const key = name.toLowerCase();
    const first = firstIndex.get(key);
    if (first === undefined) firstIndex.set(key, { index, name });
    else {
      const same = first.name === name ? '' : ` ("${first.name}")`;
      problems.push({
        path: ['targets', index, 'name'],
        message: `"${name}" is already the name of targets[${first.index}]${same}; target names must be unique, ignoring case`,
      });
    }
  });
  return problems;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isOneOf<T extends string>(value: unknown, choices: readonly T[]): value is T {
  return typeof value === 'string' && (choices as readonly string[]).includes(value);
}
