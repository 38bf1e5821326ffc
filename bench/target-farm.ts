// A child process that serves N mock mTLS endpoints on 127.0.0.1 for the scale benchmark, so their TLS
// work runs on another core than the harness, as remote partner endpoints would. Prints one JSON line
// `{"urls":[...]}` when all listen; answers a line `cpu` on standard input with `{"cpuMs":...}`, its
// own CPU time so far (the bench's share of the machine that went to the endpoints); stops them when
// its standard input closes.
//   node --import tsx bench/target-farm.ts FIXTURES_DIR COUNT
import { createInterface } from 'node:readline';
import { openFixtureSet } from '../harness/pki/open-fixture-set.ts';
import { MockMtlsServer } from '../harness/servers/mock-mtls-server.ts';

const [fixturesDir, countText] = process.argv.slice(2);
if (fixturesDir === undefined || countText === undefined) {
  process.stderr.write('usage: target-farm.ts FIXTURES_DIR COUNT\n');
  process.exit(2);
}
const fixtures = await openFixtureSet(fixturesDir);
const servers = await Promise.all(
  Array.from({ length: Number(countText) }, () =>
    new MockMtlsServer(fixtures.identity('server'))
      .withTrust(fixtures.trustBundlePem(['ca1', 'ca2']))
      .start(),
  ),
);
process.stdout.write(`${JSON.stringify({ urls: servers.map((server) => `${server.url}/healthcheck`) })}\n`);
const lines = createInterface({ input: process.stdin });
lines.on('line', (line) => {
  if (line.trim() !== 'cpu') return;
  const { user, system } = process.cpuUsage();
  process.stdout.write(`${JSON.stringify({ cpuMs: (user + system) / 1000 })}\n`);
});
lines.on('close', () => {
  void Promise.all(servers.map((server) => server.stop())).then(() => process.exit(0));
});
