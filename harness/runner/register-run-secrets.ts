import { runSecrets } from '../common/run-secrets.ts';
import type { IdentitySource } from '../pki/load-identity.ts';
import type { TargetCredentials } from './target-credentials.ts';

/** The parts of a RunTargetSpec that hold secrets. */
interface TargetSecrets {
  declaration: { name: string };
  credentials?: TargetCredentials;
  identity?: IdentitySource;
  serverCa?: { fixture: string } | { file: string; password?: string };
}

/**
 * Registers every secret a run is handed with runSecrets: the fixture passphrase, each target's HTTP
 * credentials (the wrong ones too), its identity's passphrases and its truststore password. The CLI
 * registered them already where it read them; a run built in code may not have, and runConformance
 * promises these are never reported, so it makes sure itself.
 */
export function registerRunSecrets(options: {
  fixturePassphrase: string;
  targets: readonly TargetSecrets[];
}): void {
  runSecrets.add(options.fixturePassphrase, 'the fixture passphrase');
  for (const target of options.targets) {
    const name = `target ${target.declaration.name}`;
    if (target.credentials) {
      runSecrets.addAuthorization(target.credentials.authorization, `${name} credentials`);
      runSecrets.addAuthorization(target.credentials.wrongAuthorization, 'wrong credentials');
    }
    const identity = target.identity;
    if (identity && 'passphrase' in identity) runSecrets.add(identity.passphrase, `${name} passphrase`);
    if (identity && 'storePassword' in identity) {
      runSecrets.add(identity.storePassword, `${name} store password`);
      if (identity.keyPassword !== undefined) runSecrets.add(identity.keyPassword, `${name} key password`);
    }
    const serverCa = target.serverCa;
    if (serverCa && 'password' in serverCa && serverCa.password !== undefined) {
      runSecrets.add(serverCa.password, `${name} truststore password`);
    }
  }
}
