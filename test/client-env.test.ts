import { expect } from 'chai';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import type { FixtureSet } from '../harness/pki/fixture-set.ts';
import type { ClientCommand } from '../harness/runner/client/client-under-test.ts';
import { testFixtures } from './support/fixtures.ts';
import { clientVerdicts, idsWithVerdict, runClientSuite, scenarioOf } from './support/run-client-suite.ts';

const execFileAsync = promisify(execFile);

/** A secret the client needs, in the harness's environment only; the config names the variable. */
const tokenVariable = 'MTLSC_TEST_PARTNER_TOKEN';
const token = 'partner-token-never-in-a-report';

/** curl configured through its environment, as a wrapper script reads it, printing the token it got. */
function curlFromEnvironment(...extra: string[]): ClientCommand {
  return {
    kind: 'command',
    argv: [
      'sh',
      '-c',
      `echo "token=$PARTNER_TOKEN" >&2; exec curl -sS --max-time 10 --cert "$CLIENT_CERT" --key "$CLIENT_KEY" --cacert "$SERVER_CA" ${extra.join(' ')} "$1"`,
      'sh',
      '{url}',
    ],
    env: {
      CLIENT_CERT: '{cert}',
      CLIENT_KEY: '{key}',
      SERVER_CA: '{serverCa}',
      PARTNER_TOKEN: { fromEnv: tokenVariable },
    },
    // The stdin the reproduce command must write back byte for byte.
    stdin: 'GET / HTTP/1.0\r\nHost: {host}\r\n\r\n50% \\ done\t',
    timeoutMs: 15_000,
  };
}

describe('client suite: env for the client command, and a reproduce command that survives a paste', function () {
  this.timeout(60_000);
  let fixtures: FixtureSet;

  before(async () => {
    fixtures = await testFixtures();
    process.env[tokenVariable] = token;
  });
  after(() => {
    delete process.env[tokenVariable];
  });

  it('sets env for the client, placeholders filled, and masks a fromEnv secret in the evidence', async () => {
    const target = await runClientSuite(fixtures, {
      client: curlFromEnvironment(),
      selection: { only: ['presents-certificate', 'refuses-untrusted-server'] },
    });
    expect(idsWithVerdict(target, 'pass'), clientVerdicts(target)).to.deep.equal([
      'presents-certificate',
      'refuses-untrusted-server',
    ]);
    const evidence = JSON.stringify(target);
    expect(evidence).to.include(`token=[redacted $${tokenVariable}]`);
    expect(evidence).not.to.include(token);
  });

  it('reproduces a failure with the env (the secret as its variable) and stdin written by printf', async () => {
    const target = await runClientSuite(fixtures, {
      client: curlFromEnvironment('-k'),
      selection: { only: ['refuses-untrusted-server'] },
    });
    const untrusted = scenarioOf(target, 'refuses-untrusted-server');
    expect(untrusted.verdict, untrusted.reason).to.equal('fail');
    const [serve, client] = (untrusted.reproduce ?? '').split('\n');
    expect(serve).to.match(/^npx mtls-conformance serve .*--identity rogue-server .* &$/);
    expect(untrusted.reproduce).not.to.match(/\r|\t/);
    expect(client).to.include(`CLIENT_CERT=${fixtures.path('tpp1', 'crt')} `);
    expect(client).to.include(`SERVER_CA=${fixtures.path('ca1', 'crt')} `);
    expect(client).to.include(`PARTNER_TOKEN="$${tokenVariable}" sh -c `);
    expect(client).not.to.include(token);
    // What a shell makes of the pasted printf is the stdin the client was given, byte for byte.
    const printf = /^(printf '[^']*') \| /.exec(client ?? '')?.[1];
    expect(printf, client).to.be.a('string');
    const { stdout } = await execFileAsync('sh', ['-c', printf!]);
    expect(stdout).to.equal('GET / HTTP/1.0\r\nHost: 127.0.0.1\r\n\r\n50% \\ done\t');
  });
});
