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
 * Python's urllib as a script calls a partner: the default context, which trusts what SSL_CERT_FILE
 * names (OpenSSL's default verify paths), and the client certificate. Uncaught errors end in a traceback.
 */
const urllibScript = `
import ssl, sys, urllib.request
context = ssl.create_default_context()
context.load_cert_chain(sys.argv[2], sys.argv[3])
print(urllib.request.urlopen(sys.argv[1], context=context).status)
`;

/** http.client with a context that verifies nothing, as scripts that "just make it work" do. */
const unverifiedScript = `
import http.client, ssl, sys, urllib.parse
url = urllib.parse.urlsplit(sys.argv[1])
context = ssl._create_unverified_context()
context.load_cert_chain(sys.argv[2], sys.argv[3])
connection = http.client.HTTPSConnection(url.hostname, url.port, context=context)
connection.request('GET', '/')
print(connection.getresponse().status)
`;

function python(script: string): ClientCommand {
  return {
    kind: 'command',
    argv: ['python3', '-c', script, '{url}', '{cert}', '{key}'],
    env: { SSL_CERT_FILE: '{serverCa}' },
    timeoutMs: 20_000,
  };
}

async function pythonInstalled(): Promise<boolean> {
  try {
    await execFileAsync('python3', ['--version']);
    return true;
  } catch {
    return false;
  }
}

describe('client suite: Python (urllib, http.client)', function () {
  this.timeout(90_000);
  let fixtures: FixtureSet;

  before(async function () {
    requireTool(this, await pythonInstalled(), 'python3', 'apt-get install python3');
    fixtures = await testFixtures();
  });

  it('urllib trusting the CA through env SSL_CERT_FILE passes every scenario; reasons quote the final exception line', async () => {
    const target = await runClientSuite(fixtures, { client: python(urllibScript) });
    expect(idsWithVerdict(target, 'pass'), clientVerdicts(target)).to.have.length(8);
    const untrusted = scenarioOf(target, 'refuses-untrusted-server');
    // OpenSSL, under Python's ssl module, refuses inside the handshake with the alert RFC 5246 §7.2.2 names.
    expect(untrusted.observed?.alert?.name).to.equal('unknown_ca');
    expect(untrusted.reason).to.match(
      /; exit 1 after \d+ ms: urllib\.error\.URLError: <urlopen error \[SSL: CERTIFICATE_VERIFY_FAILED\] certificate verify failed: unable to get local issuer certificate \(_ssl\.c:\d+\)>; it sent GET \/ to the valid server \(presents-certificate\)$/,
    );
    expect(scenarioOf(target, 'refuses-wrong-hostname').reason).to.include(
      "IP address mismatch, certificate is not valid for '127.0.0.1'",
    );
    expect(scenarioOf(target, 'refuses-legacy-tls').reason).to.include('TLSV1_ALERT_PROTOCOL_VERSION');
  });

  it('http.client with an unverified context fails the certificate refusals, with the request it sent', async () => {
    const target = await runClientSuite(fixtures, {
      client: python(unverifiedScript),
      selection: { only: ['refuses-untrusted-server', 'refuses-expired-server', 'refuses-wrong-hostname'] },
    });
    expect(idsWithVerdict(target, 'fail'), clientVerdicts(target)).to.have.length(3);
    expect(scenarioOf(target, 'refuses-expired-server').reason).to.match(
      /^expected the client to refuse, but it sent GET \/ \(answered 200\) over TLSv1\.3 to a server where the server certificate .* expired 30 days ago; .*; exit 0 after \d+ ms: 200$/,
    );
  });
});
