import { expect } from 'chai';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import type { FixtureSet } from '../harness/pki/fixture-set.ts';
import type { ClientCommand } from '../harness/runner/client/client-under-test.ts';
import { testFixtures } from './support/fixtures.ts';
import { requireTool } from './support/require-tool.ts';
import { clientVerdicts, idsWithVerdict, runClientSuite, scenarioOf } from './support/run-client-suite.ts';

const execFileAsync = promisify(execFile);

/**
 * GNU wget (GnuTLS on Debian). `--tries=1`: by default it tries 20 times when a handshake fails for a
 * reason it thinks passing (the server refusing its certificate), until the harness kills it.
 */
function wget(...extra: string[]): ClientCommand {
  return {
    kind: 'command',
    argv: [
      ...['wget', '-O-', '--tries=1', '--ca-certificate={serverCa}', '--certificate={cert}'],
      ...['--private-key={key}', ...extra, '{url}'],
    ],
    timeoutMs: 15_000,
  };
}

async function wgetInstalled(): Promise<boolean> {
  try {
    await execFileAsync('wget', ['--version']);
    return true;
  } catch {
    return false;
  }
}

describe('client suite: GNU wget', function () {
  this.timeout(60_000);
  let fixtures: FixtureSet;

  before(async function () {
    requireTool(this, await wgetInstalled(), 'wget', 'apt-get install wget');
    fixtures = await testFixtures();
  });

  it('refuses the certificate flaws after the handshake, and fails refuses-legacy-tls: GnuTLS speaks TLS 1.1', async () => {
    const target = await runClientSuite(fixtures, { client: wget() });
    // GnuTLS's default priority also takes an RSA-1024 server key; it refuses the SHA-1 signature.
    expect(idsWithVerdict(target, 'fail'), clientVerdicts(target)).to.deep.equal([
      'refuses-legacy-tls',
      'refuses-weak-server-key',
    ]);
    // GnuTLS completes the handshake, wget checks the certificate, then resets the connection.
    const untrusted = scenarioOf(target, 'refuses-untrusted-server');
    expect(untrusted.observed?.stage).to.equal('after-handshake');
    expect(untrusted.reason).to.match(
      /; exit 5 after \d+ ms: ERROR: The certificate of ‘127\.0\.0\.1’ is not trusted\.; it sent GET \/ to the valid server \(presents-certificate\)$/,
    );
    expect(scenarioOf(target, 'refuses-wrong-hostname').reason).to.include(
      "The certificate's owner does not match hostname ‘127.0.0.1’",
    );
    expect(scenarioOf(target, 'refuses-legacy-tls').reason).to.match(
      /^expected the client to refuse, but it sent GET \/ \(answered 200\) over TLSv1\.1 /,
    );
  });
});
