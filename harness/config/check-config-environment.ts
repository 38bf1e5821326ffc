import { accessSync, constants, statSync } from 'node:fs';
import { delimiter, join, resolve } from 'node:path';
import type { ConfigProblem } from './config-problem.ts';
import type { ServerCaRef, TargetConfig } from './config-types.ts';
import { listChoices } from './describe-value.ts';
import { toServerCaRef } from './normalize-config.ts';
import { secretVariablesOf, unsetVariableProblems } from './secret-variable-needs.ts';

export interface EnvironmentCheckOptions {
  /** CA names of the fixture set (manifest identities of role root-ca or intermediate-ca). */
  fixtureNames?: readonly string[];
  env: NodeJS.ProcessEnv;
}

/** What a target needs from this machine, read from a normalised target or, defensively, a raw one. */
export interface EnvironmentNeeds {
  index: number;
  /** Raw so positions stay those of the file; only strings are checked. */
  trusts: readonly unknown[];
  /** Other fixture CA names the target gives, with their fields (`sharedWith[0].trusts[1]`). */
  otherCaNames?: Array<{ field: (string | number)[]; name: unknown }>;
  serverCa?: ServerCaRef;
  /** Files that must exist and be readable, with the field that names each. */
  files: Array<{ field: (string | number)[]; file: string }>;
  passphraseEnv?: string;
  /** The program of a client target's command: a name looked up on PATH, or a path. */
  program?: { field: (string | number)[]; name: string; baseDir: string };
  /** Variables of secrets (keystore and truststore passwords, auth credentials) that must be set. */
  variables?: Array<{ field: (string | number)[]; name: string }>;
}

/**
 * Checks, before any network I/O, that the fixture CAs a target names exist (when the fixture names
 * are known), that its files can be read and that its passphrase variable is set. Never reads or
 * prints a passphrase: only whether the variable is defined.
 */
export function environmentProblems(
  needs: EnvironmentNeeds,
  options: EnvironmentCheckOptions,
): ConfigProblem[] {
  const at = (...path: (string | number)[]) => ['targets', needs.index, ...path];
  const problems: ConfigProblem[] = [];
  const { fixtureNames } = options;
  if (fixtureNames !== undefined) {
    const allowed = fixtureNames.length > 0 ? listChoices(fixtureNames) : '(none: the fixture set has no CA)';
    needs.trusts.forEach((name, position) => {
      if (typeof name === 'string' && !fixtureNames.includes(name)) {
        problems.push({
          path: at('trusts', position),
          message: `"${name}" is not a CA of the fixture set; allowed: ${allowed}`,
        });
      }
    });
    for (const { field, name } of needs.otherCaNames ?? []) {
      if (typeof name === 'string' && !fixtureNames.includes(name)) {
        problems.push({
          path: at(...field),
          message: `"${name}" is not a CA of the fixture set; allowed: ${allowed}`,
        });
      }
    }
    if (needs.serverCa && 'fixture' in needs.serverCa && !fixtureNames.includes(needs.serverCa.fixture)) {
      problems.push({
        path: at('serverCa'),
        message: `"${needs.serverCa.fixture}" is not a CA of the fixture set; allowed: ${allowed}, or a PEM file path such as ./server-ca.pem`,
      });
    }
  }
  for (const { field, file } of needs.files) {
    const problem = unreadableFileProblem(file);
    if (problem) problems.push({ path: at(...field), message: problem });
  }
  if (needs.program !== undefined) {
    // The client inherits the harness's own environment, whatever `env` the passphrases are read from.
    const problem = missingProgramProblem(needs.program.name, needs.program.baseDir, process.env);
    if (problem) problems.push({ path: at(...needs.program.field), message: problem });
  }
  problems.push(...unsetVariableProblems(needs.variables ?? [], options.env, at));
  if (needs.passphraseEnv !== undefined && options.env[needs.passphraseEnv] === undefined) {
    problems.push({
      path: at('identity', 'passphraseEnv'),
      message: `the environment variable ${needs.passphraseEnv} is not set; export it before the run (the config names the variable, never the passphrase)`,
    });
  }
  return problems;
}

export function needsOfTarget(target: TargetConfig): EnvironmentNeeds {
  const files: EnvironmentNeeds['files'] = [];
  if (target.serverCa && 'file' in target.serverCa)
    files.push({ field: ['serverCa'], file: target.serverCa.file });
  const identity = target.identity;
  if (identity?.kind === 'pem') {
    files.push({ field: ['identity', 'cert'], file: identity.certFile });
    files.push({ field: ['identity', 'key'], file: identity.keyFile });
    if (identity.chainFile !== undefined)
      files.push({ field: ['identity', 'chain'], file: identity.chainFile });
  } else if (identity?.kind === 'pkcs12') {
    files.push({ field: ['identity', 'p12'], file: identity.p12File });
  } else if (identity?.kind === 'keystore') {
    files.push({ field: ['identity', 'keystore'], file: identity.keystoreFile });
  }
  const nginx = target.provider === 'nginx' || target.provider === 'container' ? target.nginx : undefined;
  if (nginx?.sessionTicketKey !== undefined) {
    files.push({ field: ['nginx', 'sessionTicketKey'], file: nginx.sessionTicketKey });
  }
  if (target.provider === 'container') {
    target.container.files?.forEach((file, position) =>
      files.push({ field: ['container', 'files', position, 'source'], file: file.source }),
    );
  }
  const program = target.client?.kind === 'command' ? target.client.argv[0] : undefined;
  return {
    index: target.index,
    trusts: target.trusts,
    otherCaNames: sharedTrustsOf(target.sharedWith),
    ...(target.serverCa ? { serverCa: target.serverCa } : {}),
    ...(program !== undefined && target.client?.kind === 'command'
      ? { program: { field: ['client', 'command', 0], name: program, baseDir: target.client.cwd } }
      : {}),
    files,
    variables: secretVariablesOf(target),
    ...(identity?.kind === 'pkcs12' && identity.passphraseEnv !== undefined
      ? { passphraseEnv: identity.passphraseEnv }
      : {}),
  };
}

/**
 * The same needs read from a target as written, whatever else is wrong with it, so one pass reports
 * a missing file next to a misspelt key. Fields of the wrong type are skipped: the schema names them.
 */
export function needsOfEntry(entry: unknown, index: number, baseDir: string): EnvironmentNeeds {
  const target = isRecord(entry) ? entry : {};
  const files: EnvironmentNeeds['files'] = [];
  const serverCa = typeof target.serverCa === 'string' ? toServerCaRef(target.serverCa, baseDir) : undefined;
  if (serverCa && 'file' in serverCa) files.push({ field: ['serverCa'], file: serverCa.file });
  const identity = isRecord(target.identity) ? target.identity : {};
  for (const key of ['cert', 'key', 'chain', 'p12', 'keystore'] as const) {
    const value = identity[key];
    if (typeof value === 'string') files.push({ field: ['identity', key], file: resolve(baseDir, value) });
  }
  const nginx = isRecord(target.nginx) ? target.nginx : {};
  if (typeof nginx.sessionTicketKey === 'string') {
    files.push({ field: ['nginx', 'sessionTicketKey'], file: resolve(baseDir, nginx.sessionTicketKey) });
  }
  const container = isRecord(target.container) ? target.container : {};
  if (target.provider === 'container' && Array.isArray(container.files)) {
    container.files.forEach((file: unknown, position) => {
      if (isRecord(file) && typeof file.source === 'string') {
        files.push({
          field: ['container', 'files', position, 'source'],
          file: resolve(baseDir, file.source),
        });
      }
    });
  }
  const passphraseEnv = identity.passphraseEnv;
  const client = isRecord(target.client) ? target.client : {};
  const program = Array.isArray(client.command) ? (client.command as unknown[])[0] : undefined;
  return {
    index,
    trusts: Array.isArray(target.trusts) ? (target.trusts as unknown[]) : [],
    otherCaNames: sharedTrustsOf(target.sharedWith),
    ...(serverCa ? { serverCa } : {}),
    ...(typeof program === 'string' && program.trim() !== ''
      ? { program: { field: ['client', 'command', 0], name: program, baseDir } }
      : {}),
    files,
    variables: secretVariablesOf(target),
    ...(typeof passphraseEnv === 'string' && /^[A-Za-z_][A-Za-z0-9_]*$/.test(passphraseEnv)
      ? { passphraseEnv }
      : {}),
  };
}

/**
 * Why a client command's program cannot be run, or undefined when it can: a bare name is looked up on
 * PATH as the operating system will (execvp), a path is relative to the config file's folder, where
 * the command runs.
 */
export function missingProgramProblem(
  name: string,
  baseDir: string,
  env: NodeJS.ProcessEnv,
): string | undefined {
  if (name.includes('/')) {
    const file = resolve(baseDir, name);
    return isExecutableFile(file) ? undefined : `${file} is not an executable file`;
  }
  const folders = (env.PATH ?? '').split(delimiter).filter((folder) => folder !== '');
  if (folders.some((folder) => isExecutableFile(join(folder, name)))) return undefined;
  return `"${name}" is not found on PATH; install it, or give the program's path`;
}

function isExecutableFile(file: string): boolean {
  try {
    if (!statSync(file).isFile()) return false;
    accessSync(file, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

/** Why a file cannot be read, or undefined when it can. */
export function unreadableFileProblem(file: string): string | undefined {
  try {
    if (statSync(file).isDirectory()) return `${file} is a folder, not a file`;
    accessSync(file, constants.R_OK);
    return undefined;
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'ENOTDIR') return `no file at ${file}`;
    if (code === 'EACCES' || code === 'EPERM') return `${file} cannot be read (permission denied)`;
    return `${file} cannot be read (${code ?? String(error)})`;
  }
}

/** The CA names of `sharedWith[].trusts`, each with its field; values of the wrong type are the schema's. */
function sharedTrustsOf(sharedWith: unknown): NonNullable<EnvironmentNeeds['otherCaNames']> {
  if (!Array.isArray(sharedWith)) return [];
  return sharedWith.flatMap((entry: unknown, position) => {
    const trusts = isRecord(entry) && Array.isArray(entry.trusts) ? (entry.trusts as unknown[]) : [];
    return trusts.map((name, index) => ({ field: ['sharedWith', position, 'trusts', index], name }));
  });
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
