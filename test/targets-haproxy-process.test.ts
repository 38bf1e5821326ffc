import { existsSync, readFileSync, statSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { expect } from 'chai';
import type { FixtureSet } from '../harness/pki/fixture-set.ts';
import {
  HAPROXY_DIR_PREFIX,
  HaproxyProcessTargetProvider,
} from '../harness/targets/haproxy-process-target.ts';
import { HAPROXY_DEFAULTS } from '../harness/targets/haproxy-target-options.ts';
import type { TargetFixtures } from '../harness/targets/target-fixtures.ts';
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

async function startFailure(provider: HaproxyProcessTargetProvider): Promise<Error> {
  return provider.start().then(
    () => expect.fail('HAProxy started'),
    (error: unknown) => error as Error,
  );
}

describe('targets: HAProxy as a local process', function () {
  this.timeout(60_000);
  let fixtures: FixtureSet;

  before(async function () {
    requireTool(this, isExecutable(HAPROXY_DEFAULTS.binary), 'haproxy', 'apt-get install haproxy');
    fixtures = await testFixtures();
  });

  for (const version of ['TLSv1.2', 'TLSv1.3'] as const) {
    it(`verify required over ${version}: refuses at the handshake with OpenSSL's alert for each client, and curl agrees`, async function () {
      await using target = await new HaproxyProcessTargetProvider({
        declaration: uniqueDeclaration('haproxy'),
        fixtures,
      }).start();
      const cells = await measureRefusals(fixtures, target.url, matrixClients, version);
      expect(probeSummaries(cells)).to.deep.equal(openSslHandshakeRefusals(version));
      expect(disagreements(cells)).to.deep.equal({});
    });
  }

  it('refuses TLS 1.0 and 1.1 with alert 70 protocol_version, and curl agrees', async function () {
    await using target = await new HaproxyProcessTargetProvider({
      declaration: uniqueDeclaration('haproxy'),
      fixtures,
    }).start();
    for (const version of ['TLSv1', 'TLSv1.1'] as const) {
      const cells = await measureRefusals(fixtures, target.url, ['tpp1'], version);
      expect(probeSummaries(cells), version).to.deep.equal({ tpp1: 'alert 70 protocol_version' });
      expect(disagreements(cells), version).to.deep.equal({});
    }
  });

  it('crt-ignore-err 10 lets exactly the expired certificate through', async function () {
    await using target = await new HaproxyProcessTargetProvider({
      declaration: uniqueDeclaration('haproxy'),
      fixtures,
      options: { crtIgnoreErr: '10' },
    }).start();
    const cells = await measureRefusals(
      fixtures,
      target.url,
      ['expired', 'rogue', 'not-yet-valid'],
      'TLSv1.2',
    );
    expect(probeSummaries(cells)).to.deep.equal({
      expired: 'accepted, HTTP 200',
      rogue: 'alert 48 unknown_ca',
      'not-yet-valid': 'alert 42 bad_certificate',
    });
    expect(disagreements(cells)).to.deep.equal({});
  });

  it('reports its URL, declaration, start time and generated haproxy.cfg; stop() leaves no process and no folder, and may be called twice', async function () {
    const declaration = uniqueDeclaration('haproxy');
    await using target = await new HaproxyProcessTargetProvider({ declaration, fixtures }).start();
    const dir = dirname(target.generatedConfigPath!);
    expect(target.kind).to.equal('haproxy');
    expect(target.url).to.match(/^https:\/\/127\.0\.0\.1:\d+\/healthcheck$/);
    expect(target.declaration).to.deep.equal({ ...declaration, url: target.url });
    expect(target.startMs).to.be.within(1, 10_000);
    const config = readFileSync(target.generatedConfigPath!, 'utf8');
    expect(config).to.include(
      `bind 127.0.0.1:${new URL(target.url).port} ssl crt server.pem ca-file client-ca.pem verify required ssl-min-ver TLSv1.2 ssl-max-ver TLSv1.3`,
    );
    // The certificate and its private key share one file: it is the server's key, 0600.
    expect(statSync(join(dir, 'server.pem')).mode & 0o777).to.equal(0o600);
    expect(await processesMatching(dir)).to.have.length(1);

    await target.stop();
    await target.stop();
    expect(await processesMatching(dir)).to.deep.equal([]);
    expect(existsSync(dir)).to.be.false;
    expect(await tempEntriesStartingWith(`${HAPROXY_DIR_PREFIX}${declaration.name}-`)).to.deep.equal([]);
    expect(summarizeVerdict(await curlVerdict(target.url))).to.equal('curl 7');
  });

  it('a missing haproxy binary is one line naming the path and the fix', async function () {
    const declaration = { ...uniqueDeclaration('haproxy'), name: 'edge' };
    const before = await tempEntriesStartingWith(`${HAPROXY_DIR_PREFIX}edge-`);
    const error = await startFailure(
      new HaproxyProcessTargetProvider({
        declaration,
        fixtures,
        options: { binary: '/usr/sbin/haproxy-absent' },
      }),
    );
    expect(error.name).to.equal('HarnessError');
    expect(error.message).to.equal(
      'Cannot start target "edge": haproxy not found at /usr/sbin/haproxy-absent (ENOENT). Install it (apt-get install haproxy) or set haproxy.binary.',
    );
    expect(await tempEntriesStartingWith(`${HAPROXY_DIR_PREFIX}edge-`)).to.deep.equal(before);
  });

  it('protocols with a gap are refused before HAProxy starts, naming the field and the rule', async function () {
    const declaration = { ...uniqueDeclaration('haproxy'), name: 'edge' };
    const error = await startFailure(
      new HaproxyProcessTargetProvider({
        declaration,
        fixtures,
        options: { protocols: ['TLSv1', 'TLSv1.3'] },
      }),
    );
    expect(error.message).to.equal(
      'Cannot render haproxy.cfg for target "edge". haproxy.protocols [TLSv1, TLSv1.3] has a gap; HAProxy allows a range (ssl-min-ver … ssl-max-ver), so list every version between TLSv1 and TLSv1.3.',
    );
  });

  it("a server key HAProxy cannot load is one line with HAProxy's own alert, and leaves nothing behind", async function () {
    const declaration = uniqueDeclaration('haproxy');
    const work = await mkdtemp(join(tmpdir(), 'mtlsc-test-broken-key-'));
    try {
      const broken = join(work, 'server.key');
      await writeFile(broken, '-----BEGIN PRIVATE KEY-----\nnot a key\n-----END PRIVATE KEY-----\n');
      const withBrokenKey: TargetFixtures = {
        dir: fixtures.dir,
        path: (name, kind) => (name === 'server' && kind === 'key' ? broken : fixtures.path(name, kind)),
        trustBundlePem: (names) => fixtures.trustBundlePem(names),
      };
      const error = await startFailure(
        new HaproxyProcessTargetProvider({ declaration, fixtures: withBrokenKey }),
      );
      expect(error.message).to.match(
        new RegExp(
          `^Cannot start target "${declaration.name}": haproxy exited with code 1 before it answered on 127\\.0\\.0\\.1:\\d+\\. ` +
            `haproxy said: \\[ALERT\\] .*server\\.pem.*$`,
        ),
      );
      expect(await tempEntriesStartingWith(`${HAPROXY_DIR_PREFIX}${declaration.name}-`)).to.deep.equal([]);
    } finally {
      await rm(work, { recursive: true, force: true });
    }
  });
});
