import { chmod, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { certificatePems } from '../pki/pem-blocks.ts';
import { keytoolPasswordVariable, runKeytool } from '../pki/run-keytool.ts';
import type { JavaStoreType } from './java-target-options.ts';
import { SERVER_FIXTURE, type TargetFixtures } from './target-fixtures.ts';

/** The store files of a JSSE target, relative to its folder. */
export interface JsseStoreFiles {
  /** The server's key and certificate: `server.jks`, or `server.p12` for PKCS#12. */
  keystore: string;
  /** The trusted CAs, one trustedCertEntry each, aliased by fixture name: `truststore.jks` / `.p12`. */
  truststore: string;
}

/** The PKCS#12 the server's key is first put in (by the harness, like the fixture set's NAME.p12). */
const SERVER_P12 = 'server.p12';
const ALIAS = SERVER_FIXTURE;

export function jsseStoreFiles(storeType: JavaStoreType): JsseStoreFiles {
  const extension = storeType === 'jks' ? 'jks' : 'p12';
  return { keystore: `server.${extension}`, truststore: `truststore.${extension}` };
}

/** keytool's `-storetype` (and the JSSE `KeyStore` type) of a store type. */
export function keytoolStoreType(storeType: JavaStoreType): 'JKS' | 'PKCS12' {
  return storeType === 'jks' ? 'JKS' : 'PKCS12';
}

export interface JsseStoreCommandsParams {
  storeType: JavaStoreType;
  /** The trusted CAs, in order. */
  trusts: readonly string[];
  /** The certificate file of a CA as the command names it. */
  caFile: (name: string) => string;
}

/**
 * The keytool runs that make the stores, each an argument list; passwords come from the environment
 * variable `MTLSC_KEYTOOL_PASSWORD` (`-storepass:env`), never the command line. The provider runs
 * exactly these, and docs/gateways.md prints them, so the documented commands are the tested ones.
 * For JKS the key moves from server.p12 into server.jks (`-importkeystore`), as the seeds convert theirs;
 * keytool adds one trusted certificate per run (`-importcert`).
 */
export function jsseStoreCommands(params: JsseStoreCommandsParams): string[][] {
  const files = jsseStoreFiles(params.storeType);
  const type = keytoolStoreType(params.storeType);
  const env = keytoolPasswordVariable;
  const keystore =
    params.storeType === 'jks'
      ? [
          [
            '-importkeystore',
            '-noprompt',
            '-srckeystore',
            SERVER_P12,
            '-srcstoretype',
            'PKCS12',
            '-srcstorepass:env',
            env,
            '-srcalias',
            ALIAS,
            '-destkeystore',
            files.keystore,
            '-deststoretype',
            type,
            '-deststorepass:env',
            env,
            '-destkeypass:env',
            env,
            '-destalias',
            ALIAS,
          ],
        ]
      : [];
  const truststore = params.trusts.map((name) => [
    '-importcert',
    '-noprompt',
    '-alias',
    name,
    '-file',
    params.caFile(name),
    '-keystore',
    files.truststore,
    '-storetype',
    type,
    '-storepass:env',
    env,
  ]);
  return [...keystore, ...truststore];
}

export interface MakeJsseStoresParams {
  /** The target's private folder; keytool runs in it. */
  dir: string;
  fixtures: TargetFixtures;
  trusts: readonly string[];
  storeType: JavaStoreType;
  keytool: string;
  /** Protects both stores and the key; the server reads it from its environment. */
  password: string;
}

/**
 * Writes server.p12 (the fixture server's key and chain, a PKCS#12 Java 17 opens) into `dir`, then runs
 * jsseStoreCommands' keytool lines there: the keystore and the truststore a Java server is configured
 * with. The keystore conversion and the truststore imports run side by side (each is a JVM start).
 */
export async function makeJsseStores(params: MakeJsseStoresParams): Promise<JsseStoreFiles> {
  const { dir, fixtures } = params;
  // Loaded here: the PKCS#12 writer (node-forge) is for Java targets only.
  const { buildPkcs12 } = await import('../pki/build-pkcs12.ts');
  const [privateKeyPem, certificatePem] = await Promise.all([
    readFile(fixtures.path(SERVER_FIXTURE, 'key'), 'utf8'),
    readFile(fixtures.path(SERVER_FIXTURE, 'crt'), 'utf8'),
  ]);
  const p12 = buildPkcs12({
    privateKeyPem,
    certificatePems: certificatePems(certificatePem),
    passphrase: params.password,
    friendlyName: ALIAS,
  });
  await writeFile(join(dir, SERVER_P12), p12, { mode: 0o600 });
  const commands = jsseStoreCommands({
    storeType: params.storeType,
    trusts: params.trusts,
    caFile: (name) => fixtures.path(name, 'crt'),
  });
  const runIn = (args: string[]) => runKeytool(params.keytool, args, params.password, { cwd: dir });
  const [keystore, ...imports] = params.storeType === 'jks' ? commands : [undefined, ...commands];
  await Promise.all([
    keystore === undefined ? Promise.resolve() : runIn(keystore),
    (async () => {
      for (const args of imports) if (args) await runIn(args);
    })(),
  ]);
  const files = jsseStoreFiles(params.storeType);
  // keytool writes with the umask; the keystore holds the server's private key.
  const written = params.trusts.length > 0 ? [files.keystore, files.truststore] : [files.keystore];
  await Promise.all(written.map((file) => chmod(join(dir, file), 0o600)));
  return files;
}
