import { X509Certificate } from 'node:crypto';
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect } from 'chai';
import type { FixtureSet } from '../harness/pki/fixture-set.ts';
import {
  isKeystoreError,
  isWrongKeystorePassword,
  type KeystoreFailure,
} from '../harness/pki/keystore-error.ts';
import { loadIdentity, type IdentitySource } from '../harness/pki/load-identity.ts';
import { loadTrustStore } from '../harness/pki/load-trust-store.ts';
import { probeTarget } from '../harness/probe/probe-target.ts';
import { MockMtlsServer } from '../harness/servers/mock-mtls-server.ts';
import { testFixtures } from './support/fixtures.ts';
import { keytool } from './support/jks-fixtures.ts';

const dir = fileURLToPath(new URL('../.tmp/jks-load-identity-test', import.meta.url));
const file = (name: string) => join(dir, name);

// The MuleSoft seed's client keystore, made the way its article makes it: keytool -genkeypair into
// a JKS, here with a key password of its own besides the store password.
const storepass = 'changeit';
const keypass = 'key-pass-1';
const genkeypair = (keystore: string, alias: string, ...extra: string[]) =>
  keytool(
    '-genkeypair',
    '-alias',
    alias,
    '-keyalg',
    'RSA',
    '-keysize',
    '2048',
    '-validity',
    '30',
    '-dname',
    `CN=${alias}.example, O=MuleSoft Test`,
    '-keystore',
    file(keystore),
    '-storepass',
    storepass,
    ...extra,
  );

describe('Java keystores: loadIdentity and loadTrustStore', function () {
  // Each keytool run starts a JVM.
  this.timeout(120_000);
  let set: FixtureSet;

  before(async () => {
    set = await testFixtures();
    await rm(dir, { recursive: true, force: true });
    await mkdir(dir, { recursive: true });
    await Promise.all([
      genkeypair('client.jks', 'client', '-storetype', 'JKS', '-keypass', keypass),
      // keytool's default store type since Java 9 is PKCS12 (JEP 229): this ".jks" is PKCS#12 inside.
      genkeypair('pkcs12-inside.jks', 'client'),
    ]);
    await Promise.all([
      genkeypair('two-keys.jks', 'first', '-storetype', 'JKS', '-keypass', storepass),
      genkeypair('jceks.jks', 'client', '-storetype', 'JCEKS', '-keypass', storepass),
      keytool(
        '-exportcert',
        '-rfc',
        '-alias',
        'client',
        '-keystore',
        file('client.jks'),
        '-storepass',
        storepass,
        '-file',
        file('client.crt'),
      ),
    ]);
    await Promise.all([
      genkeypair('two-keys.jks', 'second', '-storetype', 'JKS', '-keypass', storepass),
      // The seed's next step: the client's public certificate imported into the server's truststore.
      keytool(
        '-importcert',
        '-noprompt',
        '-alias',
        'client-publickey',
        '-file',
        file('client.crt'),
        '-keystore',
        file('server-truststore.jks'),
        '-storetype',
        'JKS',
        '-storepass',
        storepass,
      ),
    ]);
    const jks = await readFile(file('client.jks'));
    await writeFile(file('truncated.jks'), jks.subarray(0, 300));
  });

  after(() => rm(dir, { recursive: true, force: true }));

  it('loads the keytool -genkeypair JKS and presents it in a successful mTLS handshake', async () => {
    const identity = await loadIdentity({
      keystoreFile: file('client.jks'),
      storePassword: storepass,
      keyPassword: keypass,
    });
    expect(identity.label).to.equal(file('client.jks'));
    expect(identity.certificate.subject).to.equal('O=MuleSoft Test, CN=client.example');
    expect(identity.chainPems).to.deep.equal([]);
    // keytool -exportcert -rfc ends its lines with CRLF: compare the certificates, not the text.
    expect(identity.certificatePem).to.equal(
      new X509Certificate(await readFile(file('client.crt'))).toString(),
    );

    // A server that trusts exactly this self-signed certificate (the seed's self-signed two-way setup).
    await using trusting = await new MockMtlsServer(set.identity('server'))
      .withTrust(identity.certificatePem)
      .start();
    const accepted = await probeTarget({ url: `${trusting.url}/healthcheck`, identity });
    expect(accepted.outcome, accepted.reason).to.equal('accepted');
    expect(accepted.http?.status).to.equal(200);
    const [record] = await trusting.waitForConnections(1);
    expect(record?.clientChain[0]?.subject).to.equal('O=MuleSoft Test, CN=client.example');

    // And one that trusts only the fixture ca1 refuses it: the handshake above proved the key, not luck.
    await using other = await new MockMtlsServer(set.identity('server'))
      .withTrust(set.certificatePem('ca1'))
      .start();
    const refused = await probeTarget({ url: `${other.url}/healthcheck`, identity });
    expect(refused.outcome).to.equal('rejected');
  });

  it('loads a PKCS#12 keystore named .jks (keytool without -storetype), found by its content', async () => {
    const identity = await loadIdentity({
      keystoreFile: file('pkcs12-inside.jks'),
      storePassword: storepass,
    });
    expect(identity.certificate.subject).to.equal('O=MuleSoft Test, CN=client.example');
  });

  it('chooses an entry by alias, ignoring case as Java does', async () => {
    const second = await loadIdentity({
      keystoreFile: file('two-keys.jks'),
      storePassword: storepass,
      alias: 'SECOND',
    });
    expect(second.certificate.subject).to.equal('O=MuleSoft Test, CN=second.example');
  });

  const refusals: Array<{
    title: string;
    source: () => IdentitySource;
    failure: KeystoreFailure;
    message: () => string;
  }> = [
    {
      title: 'a wrong store password, naming where it came from',
      source: () => ({
        keystoreFile: file('client.jks'),
        storePassword: 'wrong',
        storePasswordSource: 'storePasswordEnv CLIENT_JKS_PASS',
        keyPassword: keypass,
      }),
      failure: 'wrong-password',
      message: () =>
        `${file('client.jks')}: the store password does not open this keystore (JKS integrity check failed; Java reports "Keystore was tampered with, or password was incorrect"). Check the store password (storePasswordEnv CLIENT_JKS_PASS).`,
    },
    {
      title: 'a wrong key password',
      source: () => ({
        keystoreFile: file('client.jks'),
        storePassword: storepass,
        keyPassword: 'wrong',
        keyPasswordSource: 'keyPasswordEnv CLIENT_KEY_PASS',
      }),
      failure: 'wrong-key-password',
      message: () =>
        `${file('client.jks')}: the key password does not unlock entry "client" (the store password opened the keystore; Java reports "Cannot recover key"). Check the key password (keyPasswordEnv CLIENT_KEY_PASS): keytool sets it with -keypass, and without -keypass it is the store password.`,
    },
    {
      title: 'no key password for a key that has its own',
      source: () => ({
        keystoreFile: file('client.jks'),
        storePassword: storepass,
        keyPasswordSource: 'keyPasswordEnv',
      }),
      failure: 'wrong-key-password',
      message: () =>
        `${file('client.jks')}: the key of entry "client" has a key password of its own: the store password opened the keystore but does not unlock the key (Java reports "Cannot recover key"). Give the key password (keyPasswordEnv).`,
    },
    {
      title: 'an unknown alias, listing the aliases there are',
      source: () => ({
        keystoreFile: file('client.jks'),
        storePassword: storepass,
        keyPassword: keypass,
        alias: 'clinet',
      }),
      failure: 'unknown-alias',
      message: () =>
        `${file('client.jks')}: no entry "clinet" in this keystore; its aliases: client (private key). Give one of them as the alias.`,
    },
    {
      title: 'no alias where there are two keys',
      source: () => ({ keystoreFile: file('two-keys.jks'), storePassword: storepass }),
      failure: 'ambiguous-alias',
      message: () =>
        `${file('two-keys.jks')}: holds 2 private keys (second, first). Name the one to present with the alias.`,
    },
    {
      title: 'a truststore where a key is needed',
      source: () => ({ keystoreFile: file('server-truststore.jks'), storePassword: storepass }),
      failure: 'no-private-key',
      message: () =>
        `${file('server-truststore.jks')}: holds no private key, only trusted certificates (client-publickey): it is a truststore. Give the keystore with the client's key (keytool -list shows a PrivateKeyEntry), or use this file as serverCa.`,
    },
    {
      title: 'a wrong store password on a PKCS#12 .jks',
      source: () => ({ keystoreFile: file('pkcs12-inside.jks'), storePassword: 'wrong' }),
      failure: 'wrong-password',
      message: () =>
        `${file('pkcs12-inside.jks')}: the store password does not open this keystore (PKCS#12 MAC check failed). Check the store password.`,
    },
    {
      title: 'a JCEKS keystore, with the conversion to run',
      source: () => ({ keystoreFile: file('jceks.jks'), storePassword: storepass }),
      failure: 'unsupported-keystore',
      message: () =>
        `${file('jceks.jks')}: is a JCEKS keystore, which the harness does not read. Convert it to PKCS#12: keytool -importkeystore -srckeystore ${file('jceks.jks')} -srcstoretype JCEKS -destkeystore ${file('jceks.jks')}.p12 -deststoretype PKCS12.`,
    },
    {
      title: 'a JKS cut short',
      source: () => ({ keystoreFile: file('truncated.jks'), storePassword: storepass }),
      failure: 'not-keystore',
      message: () =>
        `${file('truncated.jks')}: the JKS keystore is cut short or damaged (300 bytes; it ends in the middle of an entry). Give the .jks file as keytool wrote it, in full.`,
    },
    {
      title: 'a PEM file given as a keystore',
      source: () => ({ keystoreFile: file('client.crt'), storePassword: storepass }),
      failure: 'not-keystore',
      message: () =>
        `${file('client.crt')}: is PEM text, not a keystore (-----BEGIN CERTIFICATE-----). Give PEM files as cert and key (or as serverCa) instead.`,
    },
  ];

  for (const refusal of refusals) {
    it(`refuses ${refusal.title} in one line`, async () => {
      const error = await loadIdentity(refusal.source()).then(
        () => expect.fail('loaded'),
        (caught: unknown) => caught,
      );
      expect(isKeystoreError(error, refusal.failure), String(error)).to.equal(true);
      expect((error as Error).message).to.equal(refusal.message());
      expect((error as Error).message).not.to.include('\n');
    });
  }

  it('counts both password problems as a wrong keystore password (bad-keystore-password)', async () => {
    for (const source of [refusals[0]!.source(), refusals[1]!.source()]) {
      const error = await loadIdentity(source).catch((caught: unknown) => caught);
      expect(isWrongKeystorePassword(error)).to.equal(true);
    }
  });

  it('reads a JKS truststore without its password, and checks it when given', async () => {
    const store = await loadTrustStore(file('server-truststore.jks'));
    expect(store.format).to.equal('JKS');
    expect(store.certificates.map((entry) => entry.alias)).to.deep.equal(['client-publickey']);
    expect(store.pem).to.equal(new X509Certificate(await readFile(file('client.crt'))).toString());
    await loadTrustStore(file('server-truststore.jks'), storepass);
    const error = await loadTrustStore(
      file('server-truststore.jks'),
      'wrong',
      'serverCaPasswordEnv TS_PASS',
    ).catch((caught: unknown) => caught);
    expect((error as Error).message).to.equal(
      `${file('server-truststore.jks')}: the store password does not open this keystore (JKS integrity check failed; Java reports "Keystore was tampered with, or password was incorrect"). Check the store password (serverCaPasswordEnv TS_PASS).`,
    );
  });

  it('reads a PEM bundle given as a trust store as it is', async () => {
    const store = await loadTrustStore(set.path('ca1', 'crt'));
    expect(store).to.include({ format: 'PEM', pem: set.certificatePem('ca1') });
  });
});
