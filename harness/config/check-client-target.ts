import {
  clientCommandPlaceholderNames,
  clientPassphraseVariable,
  isClientCommandPlaceholder,
  placeholdersIn,
} from '../runner/client/client-command-template.ts';
import type { ConfigProblem } from './config-problem.ts';
import type { TargetEntry } from './config-types.ts';

type Entry = Partial<Record<keyof TargetEntry, unknown>>;
type At = (...path: (string | number)[]) => (string | number)[];

/** Fields that describe an endpoint to probe, which a client target does not have. */
const endpointFields = [
  'url',
  'provider',
  'serverCa',
  'servername',
  'rejectAt',
  'tlsVersions',
  'mock',
  'nginx',
  'openssl',
  'container',
  'apache',
  'haproxy',
  'java',
] as const satisfies readonly (keyof TargetEntry)[];

// Placeholders that need a PEM identity, and those that need a PKCS#12 one.
const pemPlaceholders = ['cert', 'key', 'chain'];
const pkcs12Placeholders = ['p12', 'passphraseEnv'];

/**
 * What the schema cannot say about a `suite: client` target: it has a client under test and no
 * endpoint, trusts at least one CA, and its command uses only placeholders its identity can fill.
 */
export function clientTargetProblems(target: Entry, at: At): ConfigProblem[] {
  const problems: ConfigProblem[] = [];
  for (const field of endpointFields) {
    if (target[field] !== undefined) {
      problems.push({
        path: at(field),
        message: `not used with suite client: the harness is the server, with a mock server per scenario (${'{url}'} in the command); remove ${field}`,
      });
    }
  }
  if (Array.isArray(target.trusts) && target.trusts.length === 0) {
    problems.push({
      path: at('trusts'),
      message: 'empty; name the CA the client certificate is meant to chain to, e.g. [ca1]',
    });
  }
  if (target.client === undefined) {
    problems.push({
      path: at('client'),
      message:
        "missing; suite client needs the client under test: command: [curl, ..., '{url}'] or wait: { timeoutMs: 120000 }",
    });
  } else if (isRecord(target.client)) {
    problems.push(...clientBlockProblems(target.client, identityKind(target.identity), at));
  }
  return problems;
}

/** The `client` block on a target of another suite. */
export function misplacedClientProblem(suite: string, at: At): ConfigProblem {
  return {
    path: at('client'),
    message: `only used with suite client, but suite is ${suite}; set suite: client or remove client`,
  };
}

function clientBlockProblems(
  client: Record<string, unknown>,
  identity: 'pem' | 'pkcs12' | 'fixture',
  at: At,
): ConfigProblem[] {
  const problems: ConfigProblem[] = [];
  const command = client.command;
  if (command !== undefined && client.wait !== undefined) {
    return [{ path: at('client'), message: 'give command or wait, not both' }];
  }
  if (command === undefined && client.wait === undefined) {
    return [
      {
        path: at('client'),
        message: "names no client; give command: [curl, ..., '{url}'] or wait: { timeoutMs: 120000 }",
      },
    ];
  }
  if (client.wait !== undefined) {
    for (const field of ['timeoutMs', 'stdin', 'env'] as const) {
      if (client[field] !== undefined) {
        problems.push({
          path: at('client', field),
          message: `only used with command; with wait, set wait.timeoutMs`,
        });
      }
    }
    return problems;
  }
  if (isRecord(client.env)) {
    for (const [name, value] of Object.entries(client.env)) {
      if (name === clientPassphraseVariable) {
        problems.push({
          path: at('client', 'env', name),
          message: `${name} is set by the harness to the keystore passphrase ({passphraseEnv} names it); choose another name`,
        });
      } else if (typeof value === 'string') {
        problems.push(...placeholderProblems(value, identity, at('client', 'env', name)));
      }
    }
  }
  if (!Array.isArray(command)) return problems;
  command.forEach((part: unknown, position) => {
    if (typeof part === 'string') {
      problems.push(...placeholderProblems(part, identity, at('client', 'command', position)));
    }
  });
  if (command.length > 0 && typeof command[0] === 'string' && command[0].trim() === '') {
    problems.push({
      path: at('client', 'command', 0),
      message: 'empty; the first item is the program to run',
    });
  }
  return problems;
}

/** Unknown placeholders in `text`, and those its identity cannot fill. */
function placeholderProblems(
  text: string,
  identity: 'pem' | 'pkcs12' | 'fixture',
  path: (string | number)[],
): ConfigProblem[] {
  const problems: ConfigProblem[] = [];
  const allowed = clientCommandPlaceholderNames.map((name) => `{${name}}`).join(', ');
  for (const name of placeholdersIn([text])) {
    if (!isClientCommandPlaceholder(name)) {
      problems.push({ path, message: `{${name}} is not a placeholder; allowed: ${allowed}` });
    } else if (identity === 'pkcs12' && pemPlaceholders.includes(name)) {
      problems.push({
        path,
        message: `{${name}} needs a PEM identity, but identity gives p12; use {p12} and {passphraseEnv}, or give identity cert and key`,
      });
    } else if (identity === 'pem' && pkcs12Placeholders.includes(name)) {
      problems.push({
        path,
        message: `{${name}} needs a PKCS#12 identity, but identity gives cert and key; use {cert} and {key}, or give identity p12`,
      });
    }
  }
  return problems;
}

function identityKind(identity: unknown): 'pem' | 'pkcs12' | 'fixture' {
  if (!isRecord(identity)) return 'fixture';
  return identity.p12 !== undefined ? 'pkcs12' : 'pem';
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
