import { SecretRegistry } from './secret-registry.ts';

/**
 * The secrets of this process: every credential, token and passphrase the harness reads or receives is
 * added where it is read (resolve-target-secrets, the fixture passphrase, a keystore flag, an OAuth
 * token response), and every text that is kept — an observation, a scenario result, a client's output,
 * an error line — goes through `runSecrets.redact` first. One registry for the process rather than one
 * passed along: secrets are read in config/, cli/, pki/ and runner/, and kept in probe/, runner/ and
 * report/; a registry threaded through all of them is one forgotten argument away from a leak.
 */
export const runSecrets = new SecretRegistry();
