import { expect } from 'chai';
import { testFixtures, testFixturesDir } from './support/fixtures.ts';
import { runCliProcess } from './support/run-cli-process.ts';
import { listeningAddressesOf, startCliProcess } from './support/started-cli-process.ts';

/** 127.0.0.0/8, or ::1 as /proc/net/tcp6 prints it. */
const loopback = /^(127\.\d+\.\d+\.\d+|00000000000000000000000001000000)$/;

describe('security: serve binds 127.0.0.1 unless --host says otherwise, and warns when it is not loopback', function () {
  this.timeout(60_000);
  before(() => testFixtures());

  it('by default it listens on loopback only, says so, and stops on SIGINT with 130', async () => {
    const cli = startCliProcess(['serve', '--port', '0', '--fixtures', testFixturesDir]);
    await cli.waitForStderr(/^Serving https:\/\/127\.0\.0\.1:\d+\//m);
    const addresses = await listeningAddressesOf(cli.pid);
    expect(addresses).to.have.length.greaterThan(0);
    for (const address of addresses) expect(address).to.match(loopback);
    cli.kill('SIGINT');
    const ended = await cli.ended;
    expect(ended.code, ended.stderr).to.equal(130);
    expect(ended.stderr).not.to.include('warning');
  });

  // 192.0.2.1 is TEST-NET-1 (RFC 5737): no interface has it, so the warning is shown and nothing is exposed.
  it('--host with a non-loopback address: a warning before it listens', async () => {
    const result = await runCliProcess([
      'serve',
      '--port',
      '0',
      '--host',
      '192.0.2.1',
      '--fixtures',
      testFixturesDir,
    ]);
    expect(result.stderr).to.match(
      /^mtls-conformance: warning: The mock mTLS server listens on 192\.0\.2\.1, which is not a loopback address: other machines can reach it/m,
    );
    expect(result.code).to.equal(2);
    expect(result.stderr.trimEnd().split('\n').at(-1)).to.match(/EADDRNOTAVAIL/);
  });
});
