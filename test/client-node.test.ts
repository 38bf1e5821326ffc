import { expect } from 'chai';
import type { FixtureSet } from '../harness/pki/fixture-set.ts';
import type { ClientCommand } from '../harness/runner/client/client-under-test.ts';
import { testFixtures } from './support/fixtures.ts';
import { clientVerdicts, idsWithVerdict, runClientSuite, scenarioOf } from './support/run-client-suite.ts';

/** Node's own https client, as a service would call a partner: key, certificate and the partner's CA. */
function nodeHttps(extraOptions = ''): ClientCommand {
  const script = `
    const https = require('node:https');
    const fs = require('node:fs');
    const [url, cert, key, ca] = process.argv.slice(1);
    https
      .get(url, { cert: fs.readFileSync(cert), key: fs.readFileSync(key), ca: fs.readFileSync(ca) ${extraOptions} }, (res) => {
        res.resume();
        res.on('end', () => {
          console.log('HTTP ' + res.statusCode);
          process.exit(res.statusCode === 200 ? 0 : 1);
        });
      })
      .on('error', (error) => {
        console.error(error.code + ': ' + error.message);
        process.exit(1);
      });`;
  return {
    kind: 'command',
    argv: [process.execPath, '-e', script, '{url}', '{cert}', '{key}', '{serverCa}'],
    timeoutMs: 15_000,
  };
}

describe("client suite: Node's https client", function () {
  this.timeout(60_000);
  let fixtures: FixtureSet;

  before(async () => {
    fixtures = await testFixtures();
  });

  it('with its defaults passes every scenario but the RSA-1024 server, each refusal with the error Node raised', async () => {
    const target = await runClientSuite(fixtures, { client: nodeHttps() });
    // Node 20's own OpenSSL runs at security level 1, which takes an RSA-1024 server key (80 bits);
    // it still refuses a SHA-1 signature, as OpenSSL 3 does from level 1.
    expect(idsWithVerdict(target, 'fail'), clientVerdicts(target)).to.deep.equal(['refuses-weak-server-key']);
    expect(idsWithVerdict(target, 'pass'), clientVerdicts(target)).to.have.length(7);
    expect(scenarioOf(target, 'refuses-sha1-server-cert').reason).to.include(
      'CA signature digest algorithm too weak',
    );
    expect(scenarioOf(target, 'refuses-untrusted-server').reason).to.include(
      'UNABLE_TO_VERIFY_LEAF_SIGNATURE: unable to verify the first certificate',
    );
    expect(scenarioOf(target, 'refuses-expired-server').reason).to.include('CERT_HAS_EXPIRED');
    expect(scenarioOf(target, 'refuses-wrong-hostname').reason).to.include('ERR_TLS_CERT_ALTNAME_INVALID');
    // Node's minVersion is TLS 1.2: the server finds no version in common.
    expect(scenarioOf(target, 'refuses-legacy-tls').reason).to.include(
      'no TLS version in common with the client',
    );
  });

  it('with rejectUnauthorized: false fails the certificate refusals; its TLS 1.2 floor still holds', async () => {
    const target = await runClientSuite(fixtures, { client: nodeHttps(', rejectUnauthorized: false') });
    expect(idsWithVerdict(target, 'fail'), clientVerdicts(target)).to.deep.equal([
      'refuses-untrusted-server',
      'refuses-expired-server',
      'refuses-wrong-hostname',
      'refuses-weak-server-key',
      'refuses-sha1-server-cert',
    ]);
    expect(scenarioOf(target, 'refuses-expired-server').reason).to.match(
      /^expected the client to refuse, but it sent GET \/ \(answered 200\) over TLSv1\.3 .*; exit 0 after \d+ ms: HTTP 200$/,
    );
  });

  it('with NODE_TLS_REJECT_UNAUTHORIZED=0 in env: the certificate refusals fail; the reasons quote Node’s error, not its warning', async () => {
    const target = await runClientSuite(fixtures, {
      client: { ...nodeHttps(), env: { NODE_TLS_REJECT_UNAUTHORIZED: '0' } },
      selection: { only: ['refuses-untrusted-server', 'refuses-legacy-tls'] },
    });
    expect(idsWithVerdict(target, 'fail'), clientVerdicts(target)).to.deep.equal([
      'refuses-untrusted-server',
    ]);
    // Node warns on stderr about the variable; the line that says why refuses-legacy-tls passed is the error.
    const legacy = scenarioOf(target, 'refuses-legacy-tls');
    expect(legacy.reason).to.match(
      /exit 1 after \d+ ms: EPROTO: write EPROTO tlsv1 alert protocol version \(SSL alert number 70\); /,
    );
    expect(legacy.reason).not.to.include('NODE_TLS_REJECT_UNAUTHORIZED');
    expect(legacy.steps?.at(0)?.note).to.include('NODE_TLS_REJECT_UNAUTHORIZED');
  });

  it('fetch, which presents no certificate: presents-certificate fails, the refusals are judged against a server letting it in', async () => {
    const target = await runClientSuite(fixtures, {
      client: {
        kind: 'command',
        argv: [
          process.execPath,
          '-e',
          "fetch(process.argv[1]).then((r) => console.log('HTTP ' + r.status))",
          '{url}',
        ],
        env: { NODE_EXTRA_CA_CERTS: '{serverCa}' },
        timeoutMs: 15_000,
      },
      selection: { only: ['presents-certificate', 'refuses-untrusted-server'] },
    });
    expect(idsWithVerdict(target, 'fail'), clientVerdicts(target)).to.deep.equal(['presents-certificate']);
    const untrusted = scenarioOf(target, 'refuses-untrusted-server');
    // One misconfiguration, one failure: the valid server refused it for want of a certificate, so its
    // refusals are checked against the same server letting any client in.
    expect(untrusted.reason).to.match(/; it sent GET \/ to the valid server letting any client in$/);
    expect(untrusted.steps?.map((step) => step.label)).to.deep.equal([
      'connection 1',
      'control, the valid server (presents-certificate): connection 1',
      'control, the valid server letting any client in: connection 1',
    ]);
  });
});
