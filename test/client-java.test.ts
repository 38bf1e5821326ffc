import { expect } from 'chai';
import { execFile } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import type { FixtureSet } from '../harness/pki/fixture-set.ts';
import type { ClientCommand } from '../harness/runner/client/client-under-test.ts';
import { isCi } from './support/docker-available.ts';
import { testFixtures, testPassphrase } from './support/fixtures.ts';
import { clientVerdicts, idsWithVerdict, runClientSuite, scenarioOf } from './support/run-client-suite.ts';

const execFileAsync = promisify(execFile);
const javaClient = fileURLToPath(new URL('./support/java/MtlsClient.java', import.meta.url));

/**
 * `java File.java` compiles in memory (JEP 330): it needs the jdk.compiler module, which a JDK has and
 * a bare JRE lacks.
 */
async function javaCanLaunchSources(): Promise<boolean> {
  try {
    const { stdout } = await execFileAsync('java', ['--list-modules']);
    return /^jdk\.compiler@/m.test(stdout);
  } catch {
    return false;
  }
}

/** keytool, as the seeds' teams make their stores; the password comes from the environment (`:env`). */
function keytool(args: string[]): Promise<unknown> {
  return execFileAsync('keytool', args, { env: { ...process.env, STORE_PASS: testPassphrase } });
}

/**
 * The Java client of test/support/java: its keystore, truststore and the variable holding their
 * password. C1 and a serial collector start the JVM in about 3 s instead of 5 on two cores.
 */
function java(keystore: string, truststore: string): ClientCommand {
  return {
    kind: 'command',
    argv: [
      ...['java', '-XX:TieredStopAtLevel=1', '-XX:+UseSerialGC', javaClient],
      ...['{url}', keystore, truststore, '{passphraseEnv}'],
    ],
    timeoutMs: 90_000,
  };
}

describe('client suite: a Java 17 client with keytool-made stores', function () {
  this.timeout(180_000);
  let fixtures: FixtureSet;
  let work: string;
  let jks: string;
  let truststore: string;

  before(async function () {
    if (!(await javaCanLaunchSources())) {
      const why = 'java cannot launch a single-file source (no jdk.compiler module: a JRE, not a JDK)';
      if (isCi(process.env)) throw new Error(`${why}, and CI is set: install a JDK (default-jdk-headless).`);
      console.warn(`    skipping the Java client: ${why}`);
      this.skip();
    }
    fixtures = await testFixtures();
    work = await mkdtemp(join(tmpdir(), 'mtlsc-java-'));
    jks = join(work, 'client.jks');
    truststore = join(work, 'truststore.p12');
    // The seed's Temenos set-up: a .jks holding the client's key and certificate...
    await keytool([
      ...[
        '-importkeystore',
        '-noprompt',
        '-srckeystore',
        fixtures.path('tpp1', 'p12'),
        '-srcstoretype',
        'PKCS12',
      ],
      ...['-srcstorepass:env', 'STORE_PASS', '-destkeystore', jks, '-deststoretype', 'JKS'],
      ...['-deststorepass:env', 'STORE_PASS'],
    ]);
    // ...and MuleSoft's truststore with the partner's CA.
    await keytool([
      ...['-importcert', '-noprompt', '-alias', 'ca1', '-file', fixtures.path('ca1', 'crt')],
      ...['-keystore', truststore, '-storetype', 'PKCS12', '-storepass:env', 'STORE_PASS'],
    ]);
  });

  after(async () => {
    if (work) await rm(work, { recursive: true, force: true });
  });

  it('with a JKS keystore: every scenario passes, and Java sends no certificate an unlisted CA issued', async () => {
    const target = await runClientSuite(fixtures, { client: java(jks, truststore) });
    expect(idsWithVerdict(target, 'pass'), clientVerdicts(target)).to.have.length(6);
    expect(scenarioOf(target, 'refuses-untrusted-server').reason).to.include('PKIX path building failed');
    expect(scenarioOf(target, 'refuses-expired-server').reason).to.include('validity check failed');
    expect(scenarioOf(target, 'refuses-wrong-hostname').reason).to.include(
      'No subject alternative names matching IP address 127.0.0.1 found',
    );
    expect(scenarioOf(target, 'refuses-legacy-tls').reason).to.include('protocol_version');
    // JSSE's key manager only offers a certificate issued by a CA the CertificateRequest lists
    // (X509KeyManager.chooseClientAlias), unlike OpenSSL: none here, and the server refuses it.
    const hint = scenarioOf(target, 'ca-hint-mismatch');
    expect(hint.observed?.clientCertificate).to.equal(undefined);
    expect(hint.reason).to.match(
      /^reported only: \d+ connections?: presented no certificate; no client certificate/,
    );
  });

  it('with the fixture PKCS#12 keystore through {p12}: presents tpp1', async () => {
    const target = await runClientSuite(fixtures, {
      client: { ...java('{p12}', truststore) },
      selection: { only: ['presents-certificate'] },
    });
    const presents = scenarioOf(target, 'presents-certificate');
    expect(presents.verdict, presents.reason).to.equal('pass');
    expect(presents.reason).to.include('HTTP 200');
  });
});
