import type { ErrorObject } from 'ajv';
import type { ConfigProblem } from './config-problem.ts';
import type { SchemaNode } from './config-schema.ts';
import { closestName, describeType, describeValue, listChoices } from './describe-value.ts';

/**
 * Turns ajv's errors into problems a person can act on: each names the field, the value seen and what
 * is allowed. One problem per field: a value of the wrong type is not also reported as a bad enum.
 */
export function schemaProblems(errors: readonly ErrorObject[], data: unknown): ConfigProblem[] {
  const problems: ConfigProblem[] = [];
  const seen = new Set<string>();
  for (const error of errorsOfFittingBranches(errors)) {
    const problem = translate(error, toPath(error.instancePath, data));
    const key = JSON.stringify(problem.path);
    if (seen.has(key)) continue;
    seen.add(key);
    problems.push(problem);
  }
  return problems;
}

/**
 * A value that may take one of several forms (`fixtures`: a folder, or `{ dir, passphraseEnv }`) fails
 * every form ajv tries. Only the form of the value's own type explains what is wrong with it (an
 * unknown key of the mapping, not "must be string"), so the other forms' errors are dropped, and so is
 * "must match exactly one schema". A value of no form's type keeps the type errors, which a hint names.
 */
function errorsOfFittingBranches(errors: readonly ErrorObject[]): ErrorObject[] {
  const dropped = new Set<ErrorObject>();
  for (const choice of errors.filter((error) => error.keyword === 'oneOf')) {
    dropped.add(choice);
    const branchOf = (error: ErrorObject) =>
      error.schemaPath.startsWith(`${choice.schemaPath}/`)
        ? error.schemaPath.slice(choice.schemaPath.length + 1).split('/')[0]
        : undefined;
    const misfits = new Set(
      errors
        .filter((error) => error.keyword === 'type' && error.instancePath === choice.instancePath)
        .map(branchOf)
        .filter((branch) => branch !== undefined),
    );
    const branches = new Set(errors.map(branchOf).filter((branch) => branch !== undefined));
    if ([...branches].every((branch) => misfits.has(branch))) continue;
    for (const error of errors) {
      const branch = branchOf(error);
      if (branch !== undefined && misfits.has(branch)) dropped.add(error);
    }
  }
  return errors.filter((error) => !dropped.has(error));
}

/** `/targets/0/scenarios/skip/tls-1.3` → `['targets', 0, 'scenarios', 'skip', 'tls-1.3']`. */
function toPath(pointer: string, data: unknown): (string | number)[] {
  const path: (string | number)[] = [];
  let current: unknown = data;
  for (const raw of pointer.split('/').slice(1)) {
    const segment = raw.replaceAll('~1', '/').replaceAll('~0', '~');
    if (Array.isArray(current)) {
      path.push(Number(segment));
      current = current[Number(segment)];
    } else {
      path.push(segment);
      current = isRecord(current) ? current[segment] : undefined;
    }
  }
  return path;
}

// Keys people write when they mean passphraseEnv. Refused by name so the message can say why.
const inlineSecretKeys = /^(passphrase|password|passwd|pass|secret|storepass|keypass)$/i;

function translate(error: ErrorObject, path: (string | number)[]): ConfigProblem {
  const parent = (error.parentSchema ?? {}) as SchemaNode;
  const params = error.params as Record<string, unknown>;
  const value: unknown = error.data;
  const shape = genericPath(path);
  switch (error.keyword) {
    case 'required': {
      const missing = String(params.missingProperty);
      const fieldPath = [...path, missing];
      return { path: fieldPath, message: requiredHints[genericPath(fieldPath)] ?? 'missing (required)' };
    }
    case 'additionalProperties': {
      const key = String(params.additionalProperty);
      const allowed = Object.keys(parent.properties ?? {});
      if (inlineSecretKeys.test(key)) {
        return {
          path: [...path, key],
          message:
            'an inline passphrase is refused: it would end up in repositories and CI logs. Put it in an ' +
            'environment variable and name that variable in passphraseEnv (e.g. passphraseEnv: PARTNER_P12_PASS)',
        };
      }
      const guess = closestName(key, allowed);
      return {
        path: [...path, key],
        message: `unknown key${guess ? ` (did you mean ${guess}?)` : ''}; allowed: ${listChoices(allowed)}`,
      };
    }
    case 'type': {
      const expected = String(params.type);
      const hint = typeHints[shape];
      if (hint) return { path, message: value == null ? hint : `${hint}; saw ${describeValue(value)}` };
      return {
        path,
        message: `must be ${describeType(expected)}, saw ${describeValue(value)}${typeAdvice(expected, value)}`,
      };
    }
    case 'enum': {
      const allowed: unknown[] = parent.enum ?? (params.allowedValues as unknown[] | undefined) ?? [];
      const quoted =
        (typeof value === 'number' || typeof value === 'boolean') && allowed.includes(String(value))
          ? ` (in YAML, put it in quotes: "${String(value)}")`
          : '';
      const guess =
        typeof value === 'string'
          ? closestName(
              value,
              allowed.filter((a) => typeof a === 'string'),
            )
          : undefined;
      return {
        path,
        message: `${describeValue(value)} is not allowed${quoted}${guess ? ` (did you mean ${guess}?)` : ''}; allowed: ${listChoices(allowed)}`,
      };
    }
    case 'minimum':
      return { path, message: `must be at least ${String(params.limit)}, saw ${describeValue(value)}` };
    case 'maximum':
      return { path, message: `must be at most ${String(params.limit)}, saw ${describeValue(value)}` };
    case 'minItems': {
      if (shape === 'targets')
        return { path, message: 'lists no targets; add at least one endpoint to check' };
      const items = parent.items?.enum ? `; allowed: ${listChoices(parent.items.enum)}` : '';
      return { path, message: `is an empty list; list at least one${items}` };
    }
    case 'minLength':
      return { path, message: minLengthHints[shape] ?? 'must not be empty' };
    case 'maxLength':
      return { path, message: `is longer than ${String(params.limit)} characters` };
    case 'uniqueItems': {
      const duplicate: unknown = Array.isArray(value) ? (value as unknown[])[Number(params.j)] : undefined;
      return { path, message: `lists ${describeValue(duplicate)} twice` };
    }
    case 'pattern':
      return {
        path,
        message: `${describeValue(value)} ${patternHints[shape] ?? `does not match ${String(params.pattern)}`}`,
      };
    default:
      return { path, message: `${error.message ?? 'is not valid'}, saw ${describeValue(value)}` };
  }
}

/** `targets[].scenarios.skip[*]`: indices as `[]` and free-form keys (scenario ids) as `[*]`. */
function genericPath(path: readonly (string | number)[]): string {
  let rendered = '';
  for (const [index, segment] of path.entries()) {
    const previous = path[index - 1];
    if (typeof segment === 'number') rendered += '[]';
    else if ((previous === 'skip' || previous === 'expect') && path[index - 2] === 'scenarios')
      rendered += '[*]';
    else if (previous === 'env' && path[index - 2] === 'client') rendered += '[*]';
    else rendered += rendered ? `.${segment}` : segment;
  }
  return rendered;
}

function typeAdvice(expected: string, value: unknown): string {
  if (expected === 'string' && (typeof value === 'number' || typeof value === 'boolean')) {
    return ` (in YAML, put it in quotes: "${String(value)}")`;
  }
  if (expected === 'array' && typeof value === 'string') return ` (write a list: [${value}])`;
  return '';
}

const requiredHints: Readonly<Record<string, string>> = {
  targets: 'missing; list the endpoints to check (mtls-conformance init writes an example)',
  'targets[].name': 'missing; every target needs a unique name, shown in reports',
  'targets[].trusts':
    'missing; name the fixture CAs this endpoint is meant to accept client certificates from, e.g. trusts: [ca1]',
  'targets[].scenarios.expect[*].expected': 'missing; allowed: accepted, rejected, informational',
  'targetsFiles[].file': 'missing; name the file that lists the endpoints, one URL a line',
  'targetsFiles[].trusts':
    'missing; name the fixture CAs every listed endpoint is meant to accept client certificates from, e.g. trusts: [ca1]',
  'targets[].scenarios.expect[*].reason':
    'missing; say why the derived expectation does not hold (shown in every report)',
};

const typeHints: Readonly<Record<string, string>> = {
  '': 'the top level must be a mapping with targets (and optionally fixtures, reportDir, concurrency, timeouts)',
  fixtures:
    'must be the fixture folder (fixtures: ./fixtures) or { dir, passphraseEnv } (fixtures: { dir: ./fixtures, passphraseEnv: FIXTURE_PASS })',
  'targets[].scenarios.skip':
    'must map each skipped scenario id to a reason, e.g. skip: { tls-1.3: "gateway is TLS 1.2 only" }',
  'targets[].scenarios.skip[*]':
    'needs a reason, shown in every report, e.g. tls-1.3: "gateway is TLS 1.2 only until Q3"',
  'targets[].scenarios.expect':
    'must map each scenario id to { expected, reason }, e.g. expect: { second-ca-client: { expected: rejected, reason: "ca2 retired" } }',
  'targets[].scenarios.expect[*]':
    'must be { expected, reason }, e.g. { expected: rejected, reason: "ca2 retired" }',
  'targets[].client.env':
    "must map each variable to its value, e.g. env: { SSL_CERT_FILE: '{serverCa}', TOKEN: { fromEnv: PARTNER_TOKEN } }",
  'targets[].client.env[*]':
    "must be text (placeholders allowed, e.g. '{serverCa}') or, for a secret, { fromEnv: VARIABLE } naming the harness's variable that holds it",
};

const minLengthHints: Readonly<Record<string, string>> = {
  'targets[].scenarios.skip[*]':
    'needs a reason, shown in every report, e.g. tls-1.3: "gateway is TLS 1.2 only until Q3"',
  'targets[].scenarios.expect[*].reason': 'must not be empty; say why (shown in every report)',
};

const headerTokenHint =
  "is not a header name; a header name is a token (RFC 9110 §5.6.2): letters, digits and !#$%&'*+-.^_`|~, no spaces or colons";

const patternHints: Readonly<Record<string, string>> = {
  'targets[].name':
    'is not a valid name; use letters, digits, ".", "_", ":" and "-", starting with a letter or digit',
  'targets[].servername': 'is not a host name',
  'targets[].identity.passphraseEnv':
    'is not an environment variable name; use letters, digits and "_", not starting with a digit (name the variable, never write the passphrase)',
  'fixtures.passphraseEnv':
    'is not an environment variable name; use letters, digits and "_", not starting with a digit (name the variable, never write the passphrase)',
  'targets[].container.files[].target': 'is not an absolute path inside the container; start it with /',
  'targets[].backend.headers.cert': headerTokenHint,
  'targets[].backend.headers.verify': headerTokenHint,
  'targets[].backend.headers.chain': headerTokenHint,
  'targets[].backend.path': 'is not a path; start it with / (e.g. /echo)',
  'targets[].client.env':
    'is not an environment variable name; use letters, digits and "_", not starting with a digit',
  'targets[].client.env[*].fromEnv':
    'is not an environment variable name; use letters, digits and "_", not starting with a digit (name the variable, never write the secret)',
};

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
