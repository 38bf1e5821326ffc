import { runSecrets } from '../../common/run-secrets.ts';
import { fillPlaceholders, type ClientCommandPlaceholder } from './client-command-template.ts';
import type { ClientUnderTest } from './client-under-test.ts';

/** The variables a command's `env` adds, and the secret values among them (to mask in excerpts). */
export interface ClientEnvironment {
  env: Record<string, string>;
  secrets: string[];
}

/**
 * Resolves a client command's `env` for one scenario: text with its placeholders filled, `fromEnv`
 * read from `harnessEnv` now (config loading checked it was set; it may have been unset since). A
 * string: the problem, one line naming the field.
 */
export function resolveClientEnvironment(
  client: ClientUnderTest,
  values: Readonly<Record<ClientCommandPlaceholder, string>>,
  harnessEnv: NodeJS.ProcessEnv = process.env,
): ClientEnvironment | string {
  const resolved: ClientEnvironment = { env: {}, secrets: [] };
  if (client.kind !== 'command') return resolved;
  for (const [name, value] of Object.entries(client.env ?? {})) {
    if (typeof value === 'string') {
      resolved.env[name] = fillPlaceholders(value, values);
      continue;
    }
    const secret = harnessEnv[value.fromEnv];
    if (secret === undefined) {
      return `client.env.${name} names the environment variable ${value.fromEnv}, which is not set; export it before the run`;
    }
    resolved.env[name] = secret;
    resolved.secrets.push(secret);
    // Kept out of every text of the run, not only the client's output: a client may send it on.
    runSecrets.add(secret, `$${value.fromEnv}`);
  }
  return resolved;
}
