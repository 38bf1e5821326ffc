import { existsSync, readFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { expect } from 'chai';
import type { FixtureSet } from '../harness/pki/fixture-set.ts';
import { APACHE_DIR_PREFIX, ApacheProcessTargetProvider } from '../harness/targets/apache-process-target.ts';
import { APACHE_DEFAULTS } from '../harness/targets/apache-target-options.ts';
import { curlVerdict, summarizeVerdict } from './support/curl-verdict.ts';
import { testFixtures } from './support/fixtures.ts';
import {
  isExecutable,
  matrixClients,
  openSslHandshakeRefusals,
  uniqueDeclaration,
} from './support/gateway-test-kit.ts';
import { disagreements, measureRefusals, probeSummaries } from './support/refusal-matrix.ts';
import { requireTool } from './support/require-tool.ts';
import { processesMatching, tempEntriesStartingWith } from './support/target-leftovers.ts';

async function startFailure(provider: ApacheProcessTargetProvider): Promise<Error> {
  return provider.start().then(
    () => expect.fail('Apache started'),
    (error: unknown) => error as Error,
  );
}

describe('targets: Apache httpd (mod_ssl) as a local process', function () {
  this.timeout(60_000);
  let fixtures: FixtureSet;

  before(async function () {
    requireTool(this, isExecutable(APACHE_DEFAULTS.binary), 'apache2', 'apt-get install apache2');
    fixtures = await testFixtures();
  });

  for (const version of ['TLSv1.2', 'TLSv1.3'] as const) {
    it(`SSLVerifyClient require over ${version}: refuses at the handshake with OpenSSL's alert for each client, and curl agrees`, async function () {
      await using target = await new ApacheProcessTargetProvider({
        declaration: uniqueDeclaration('apache'),
        fixtures,
      }).start();
      const cells = await measureRefusals(fixtures, target.url, matrixClients, version);
      expect(probeSummaries(cells)).to.deep.equal(openSslHandshakeRefusals(version));
      expect(disagreements(cells)).to.deep.equal({});
    });
  }

  it('refuses TLS 1.0 and 1.1 with alert 70 protocol_version, and curl agrees', async function () {
    await using target = await new ApacheProcessTargetProvider({
      declaration: uniqueDeclaration('apache'),
      fixtures,
    }).start();
    for (const version of ['TLSv1', 'TLSv1.1'] as const) {
      const cells = await measureRefusals(fixtures, target.url, ['tpp1'], version);
      expect(probeSummaries(cells), version).to.deep.equal({ tpp1: 'alert 70 protocol_version' });
      expect(disagreements(cells), version).to.deep.equal({});
    }
  });

  it("SSLVerifyDepth 1, Apache's own default, refuses a client behind one intermediate: mod_ssl counts the root", async function () {
    await using target = await new ApacheProcessTargetProvider({
      declaration: uniqueDeclaration('apache'),
      fixtures,
      options: { verifyDepth: 1 },
    }).start();
    const cells = await measureRefusals(fixtures, target.url, ['tpp1', 'intermediate-leaf'], 'TLSv1.2');
    expect(probeSummaries(cells)).to.deep.equal({
      tpp1: 'accepted, HTTP 200',
      'intermediate-leaf': 'alert 80 internal_error',
    });
    expect(disagreements(cells)).to.deep.equal({});
  });

  it('reports its URL, declaration, start time and generated httpd.conf; stop() leaves no process and no folder, and may be called twice', async function () {
    const declaration = uniqueDeclaration('apache');
    await using target = await new ApacheProcessTargetProvider({ declaration, fixtures }).start();
    const dir = dirname(target.generatedConfigPath!);
    expect(target.kind).to.equal('apache');
    expect(target.url).to.match(/^https:\/\/127\.0\.0\.1:\d+\/healthcheck$/);
    expect(target.declaration).to.deep.equal({ ...declaration, url: target.url });
    expect(target.startMs).to.be.within(1, 10_000);
    const config = readFileSync(target.generatedConfigPath!, 'utf8');
    expect(config).to.include(`Listen 127.0.0.1:${new URL(target.url).port}`);
    expect(config).to.include('SSLVerifyClient       require');
    expect(config).not.to.include('/etc/apache2');
    expect(await processesMatching(dir)).to.have.length.greaterThan(0);
    expect(await tempEntriesStartingWith(`${APACHE_DIR_PREFIX}${declaration.name}-`)).to.have.length(1);

    await target.stop();
    await target.stop();
    expect(await processesMatching(dir)).to.deep.equal([]);
    expect(existsSync(dir)).to.be.false;
    expect(await tempEntriesStartingWith(`${APACHE_DIR_PREFIX}${declaration.name}-`)).to.deep.equal([]);
    expect(summarizeVerdict(await curlVerdict(target.url))).to.equal('curl 7');
  });

  it('a missing apache2 binary is one line naming the path and the fix, and leaves no folder', async function () {
    const declaration = { ...uniqueDeclaration('apache'), name: 'edge' };
    const before = await tempEntriesStartingWith(`${APACHE_DIR_PREFIX}edge-`);
    const error = await startFailure(
      new ApacheProcessTargetProvider({
        declaration,
        fixtures,
        options: { binary: '/usr/sbin/apache2-absent' },
      }),
    );
    expect(error.name).to.equal('HarnessError');
    expect(error.message).to.equal(
      'Cannot start target "edge": apache2 not found at /usr/sbin/apache2-absent (ENOENT). Install it (apt-get install apache2) or set apache.binary.',
    );
    expect(await tempEntriesStartingWith(`${APACHE_DIR_PREFIX}edge-`)).to.deep.equal(before);
  });

  it('a modules folder without mod_ssl is one line naming the file and apache.modulesDir', async function () {
    const declaration = { ...uniqueDeclaration('apache'), name: 'edge' };
    const error = await startFailure(
      new ApacheProcessTargetProvider({
        declaration,
        fixtures,
        options: { modulesDir: '/usr/lib/no-such-modules' },
      }),
    );
    expect(error.message).to.equal(
      'Cannot start target "edge": no Apache module at /usr/lib/no-such-modules/mod_mpm_event.so. Install mod_ssl with httpd (apt-get install apache2) or set apache.modulesDir to the folder that holds mod_mpm_event.so, mod_authz_core.so, mod_ssl.so.',
    );
  });

  it("a config httpd refuses is one line with Apache's own first error, and leaves nothing behind", async function () {
    const declaration = uniqueDeclaration('apache');
    const error = await startFailure(
      new ApacheProcessTargetProvider({
        declaration,
        fixtures,
        // A protocol name mod_ssl does not know, as a typo in a config file would give.
        options: { protocols: ['TLSv1.4' as 'TLSv1.3'] },
      }),
    );
    expect(error.message).to.match(
      new RegExp(
        `^Cannot start target "${declaration.name}": apache2 exited with code 1 before it answered on 127\\.0\\.0\\.1:\\d+\\. ` +
          `apache2 said: .*SSLProtocol: Illegal protocol 'TLSv1\\.4'$`,
      ),
    );
    expect(await tempEntriesStartingWith(`${APACHE_DIR_PREFIX}${declaration.name}-`)).to.deep.equal([]);
    expect(await processesMatching(declaration.name)).to.deep.equal([]);
  });
});
