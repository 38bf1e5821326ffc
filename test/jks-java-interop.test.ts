import { expect } from 'chai';
import type { FixtureSet } from '../harness/pki/fixture-set.ts';
import { loadIdentity } from '../harness/pki/load-identity.ts';
import { loadTrustStore } from '../harness/pki/load-trust-store.ts';
import { probeTarget } from '../harness/probe/probe-target.ts';
import { JavaProcessTargetProvider } from '../harness/targets/java-process-target.ts';
import type { StartedTarget } from '../harness/targets/target-provider.ts';
import { jksFixtures, jksPassphrase } from './support/jks-fixtures.ts';
import { javaAvailable } from './support/java-available.ts';
import { requireTool } from './support/require-tool.ts';

// The proof that the fixture .jks files are what a Java server needs: the java provider's JSSE
// server run from server.jks and trust/ca1.jks alone (not stores it made), with client-auth need, and
// the harness as client.
describe('Java interop: a javax.net.ssl server configured only from the fixture .jks files', function () {
  this.timeout(180_000);
  let set: FixtureSet;
  let server: StartedTarget;
  let url: string;

  before(async function () {
    requireTool(
      this,
      await javaAvailable(),
      'a JDK (java, javac, keytool)',
      'apt-get install default-jdk-headless',
    );
    set = await jksFixtures();
    server = await new JavaProcessTargetProvider({
      declaration: {
        name: 'jks-interop',
        trusts: ['ca1'],
        rejectAt: 'any',
        tlsVersions: ['TLSv1.2', 'TLSv1.3'],
      },
      fixtures: set,
      stores: {
        keystore: set.path('server', 'jks'),
        truststore: `${set.dir}/trust/ca1.jks`,
        password: jksPassphrase,
      },
    }).start();
    url = server.url;
  });

  after(async () => {
    await server?.stop();
  });

  it('accepts tpp1 (issued by ca1) and tells who it saw; its chain validates against trust/ca1.jks', async () => {
    const trust = await loadTrustStore(`${set.dir}/trust/ca1.jks`, jksPassphrase);
    const observed = await probeTarget({ url, identity: set.identity('tpp1'), serverTrustPem: trust.pem });
    expect(observed.outcome, observed.reason).to.equal('accepted');
    expect(observed.http?.status).to.equal(200);
    expect(observed.http?.body).to.include('CN=tpp1.demo.axway.com');
    expect(observed.tls?.serverTrusted).to.equal(true);
    expect(observed.acceptableCaNames).to.deep.include({ obtained: true });
    const names = observed.acceptableCaNames.obtained ? observed.acceptableCaNames.names : [];
    expect(names.join('; ')).to.include('CN=Axway Root CA');
  });

  it('accepts tpp1 presented from its own tpp1.jks, loaded by the harness', async () => {
    const identity = await loadIdentity({
      keystoreFile: set.path('tpp1', 'jks'),
      storePassword: jksPassphrase,
    });
    const observed = await probeTarget({ url, identity });
    expect(observed.outcome, observed.reason).to.equal('accepted');
  });

  it('rejects tpp2: issued by ca2, which has the same DN but is not in the truststore', async () => {
    const observed = await probeTarget({ url, identity: set.identity('tpp2') });
    expect(observed.outcome, observed.reason).to.equal('rejected');
    expect(observed.stage).to.be.oneOf(['tls-handshake', 'after-handshake']);
  });

  it('rejects a client without a certificate (client-auth need)', async () => {
    const observed = await probeTarget({ url });
    expect(observed.outcome, observed.reason).to.equal('rejected');
  });
});
