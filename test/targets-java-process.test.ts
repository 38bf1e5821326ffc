import { execFile } from 'node:child_process';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { mkdtemp, realpath, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { promisify } from 'node:util';
import { expect } from 'chai';
import type { FixtureSet } from '../harness/pki/fixture-set.ts';
import { compileJsseServer, JSSE_CLASSES_PREFIX } from '../harness/targets/compile-jsse-server.ts';
import { findJdk } from '../harness/targets/find-jdk.ts';
import { JAVA_DIR_PREFIX, JavaProcessTargetProvider } from '../harness/targets/java-process-target.ts';
import { probeTarget } from '../harness/probe/probe-target.ts';
import { curlVerdict, summarizeVerdict } from './support/curl-verdict.ts';
import { testFixtures } from './support/fixtures.ts';
import { matrixClients, uniqueDeclaration } from './support/gateway-test-kit.ts';
import { javaAvailable } from './support/java-available.ts';
import { disagreements, measureRefusals, probeSummaries } from './support/refusal-matrix.ts';
import { requireTool } from './support/require-tool.ts';
import { processesMatching, tempEntriesStartingWith } from './support/target-leftovers.ts';

const run = promisify(execFile);

async function startFailure(provider: JavaProcessTargetProvider): Promise<Error> {
  return provider.start().then(
    () => expect.fail('the JSSE server started'),
    (error: unknown) => error as Error,
  );
}

/** What JSSE's HttpsServer does with each client: it never sends an alert, it closes the connection. */
function jsseRefusals(version: 'TLSv1.2' | 'TLSv1.3'): Record<string, string> {
  const refused = version === 'TLSv1.3' ? 'closed, no alert, after handshake' : 'closed, no alert';
  const ok = 'accepted, HTTP 200';
  return Object.fromEntries(
    matrixClients.map((client) => [
      client,
      client === 'tpp1' || client === 'intermediate-leaf' ? ok : refused,
    ]),
  );
}

describe('targets: a Java 17 JSSE HTTPS server as a local process', function () {
  // A JVM start per target, and keytool runs before it: seconds each on a loaded 2-core machine.
  this.timeout(120_000);
  let fixtures: FixtureSet;

  before(async function () {
    requireTool(
      this,
      await javaAvailable(),
      'a JDK (java, javac, keytool)',
      'apt-get install default-jdk-headless',
    );
    fixtures = await testFixtures();
  });

  it('client-auth need over TLS 1.2 and 1.3: refuses every client it should by closing the connection without an alert, and curl agrees', async function () {
    await using target = await new JavaProcessTargetProvider({
      declaration: uniqueDeclaration('java'),
      fixtures,
    }).start();
    for (const version of ['TLSv1.2', 'TLSv1.3'] as const) {
      const cells = await measureRefusals(fixtures, target.url, matrixClients, version);
      expect(probeSummaries(cells), version).to.deep.equal(jsseRefusals(version));
      expect(disagreements(cells), version).to.deep.equal({});
      // curl sees the same hang-up: SSL_ERROR_SYSCALL in the TLS 1.2 handshake, an empty reply or a
      // reset under TLS 1.3.
      const curlCodes = new Set(
        Object.values(cells)
          .filter((cell) => cell.curl.kind === 'failed')
          .map((cell) => summarizeVerdict(cell.curl)),
      );
      expect([...curlCodes], version).to.satisfy((codes: string[]) =>
        codes.every((code) => (version === 'TLSv1.2' ? code === 'curl 35' : /^curl (52|56)$/.test(code))),
      );
    }
  });

  it('a TLS 1.0 or 1.1 ClientHello is answered with a close and no TLS data: the probe alone cannot decide, curl sees SSL_ERROR_SYSCALL, s_client reads 0 bytes', async function () {
    await using target = await new JavaProcessTargetProvider({
      declaration: uniqueDeclaration('java'),
      fixtures,
    }).start();
    for (const version of ['TLSv1', 'TLSv1.1'] as const) {
      const cells = await measureRefusals(fixtures, target.url, ['tpp1'], version);
      expect(cells.tpp1?.observation).to.include({
        outcome: 'error',
        stage: 'tls-handshake',
        closedBeforeTls: true,
      });
      expect(cells.tpp1?.curl).to.include({ kind: 'failed', exitCode: 35 });
      expect(cells.tpp1?.curl.kind === 'failed' && cells.tpp1.curl.error).to.include('SSL_ERROR_SYSCALL');
    }
    const { port } = new URL(target.url);
    const sClient = await run(
      'openssl',
      ['s_client', '-tls1', '-cipher', 'DEFAULT@SECLEVEL=0', '-connect', `127.0.0.1:${port}`],
      {
        encoding: 'utf8',
        timeout: 10_000,
      },
    ).catch((error: { stdout: string }) => error);
    expect(sClient.stdout).to.match(/SSL handshake has read 0 bytes/);
  });

  it('client-auth want: a client without a certificate is let in, and the server says it saw none', async function () {
    await using target = await new JavaProcessTargetProvider({
      declaration: uniqueDeclaration('java'),
      fixtures,
      options: { clientAuth: 'want' },
    }).start();
    const anonymous = await probeTarget({ url: target.url, acceptableCaNames: 'skip' });
    expect(anonymous.outcome, anonymous.reason).to.equal('accepted');
    expect(anonymous.http?.body).to.equal('{"status":"ok","client":null}');
    const rogue = await probeTarget({
      url: target.url,
      identity: fixtures.identity('rogue'),
      acceptableCaNames: 'skip',
    });
    expect(rogue.outcome, rogue.reason).to.equal('rejected');
  });

  it('reports its URL, declaration, start time and settings (no password in them, stores 0600); stop() leaves no JVM and no folder, and may be called twice', async function () {
    const declaration = uniqueDeclaration('java');
    await using target = await new JavaProcessTargetProvider({ declaration, fixtures }).start();
    const dir = dirname(target.generatedConfigPath!);
    expect(target.kind).to.equal('java');
    expect(target.url).to.match(/^https:\/\/127\.0\.0\.1:\d+\/healthcheck$/);
    expect(target.declaration).to.deep.equal({ ...declaration, url: target.url });
    expect(target.startMs).to.be.within(1, 60_000);
    const settings = readFileSync(target.generatedConfigPath!, 'utf8');
    expect(settings).to.include(`server.port=${new URL(target.url).port}`);
    expect(settings).to.include('server.ssl.key-store=server.jks\nserver.ssl.key-store-type=JKS');
    expect(settings).to.include('server.ssl.key-store-password=${KEYSTORE_PASSWORD}');
    expect(settings).to.include('server.ssl.client-auth=need');
    for (const file of ['server.jks', 'server.p12', 'truststore.jks']) {
      expect(statSync(join(dir, file)).mode & 0o777, file).to.equal(0o600);
    }
    const running = await processesMatching(dir);
    expect(running.join('\n')).to.include(`JsseMtlsServer ${dir}/jsse-server.properties`);
    // The password travels in the environment, never on the command line.
    expect(running.join('\n')).not.to.match(/password/i);

    await target.stop();
    await target.stop();
    expect(await processesMatching(dir)).to.deep.equal([]);
    expect(existsSync(dir)).to.be.false;
    expect(await tempEntriesStartingWith(`${JAVA_DIR_PREFIX}${declaration.name}-`)).to.deep.equal([]);
    expect(summarizeVerdict(await curlVerdict(target.url))).to.equal('curl 7');
  });

  it('compiles the server once into a folder only this user can write, and reuses it', async function () {
    const jdk = await findJdk('compile-check', 'java');
    const classes = await compileJsseServer(jdk.javac);
    expect(classes).to.include(`${JSSE_CLASSES_PREFIX}`);
    const folder = statSync(classes);
    expect(folder.uid).to.equal(process.getuid?.());
    expect(folder.mode & 0o022).to.equal(0);
    expect(existsSync(join(classes, 'JsseMtlsServer.class'))).to.be.true;
    expect(await compileJsseServer(jdk.javac)).to.equal(classes);
  });

  it('a missing java is one line naming what was looked for and the fix, and leaves no folder', async function () {
    const declaration = { ...uniqueDeclaration('java'), name: 'edge' };
    const before = await tempEntriesStartingWith(`${JAVA_DIR_PREFIX}edge-`);
    const error = await startFailure(
      new JavaProcessTargetProvider({
        declaration,
        fixtures,
        options: { binary: '/usr/lib/jvm/absent/bin/java' },
      }),
    );
    expect(error.name).to.equal('HarnessError');
    expect(error.message).to.equal(
      'Cannot start target "edge": java not found at /usr/lib/jvm/absent/bin/java (ENOENT). Install a JDK (apt-get install default-jdk-headless) or set java.binary.',
    );
    expect(await tempEntriesStartingWith(`${JAVA_DIR_PREFIX}edge-`)).to.deep.equal(before);
  });

  it('a Java runtime without javac is one line saying a JDK is needed', async function () {
    const jre = await mkdtemp(join(tmpdir(), 'mtlsc-test-jre-'));
    try {
      // The launcher alone in its folder, as a runtime without the JDK tools has it (never run here).
      await run('cp', [await realpath((await findJdk('x', 'java')).java), join(jre, 'java')]);
      const error = await startFailure(
        new JavaProcessTargetProvider({
          declaration: { ...uniqueDeclaration('java'), name: 'edge' },
          fixtures,
          options: { binary: join(jre, 'java') },
        }),
      );
      expect(error.message).to.equal(
        `Cannot start target "edge": no javac beside ${join(jre, 'java')}, so this is a Java runtime without the JDK tools. The java provider compiles its JSSE server with javac and writes its keystores with keytool: Install a JDK (apt-get install default-jdk-headless) or set java.binary.`,
      );
    } finally {
      await rm(jre, { recursive: true, force: true });
    }
  });
});
