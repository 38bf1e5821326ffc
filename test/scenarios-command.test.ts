import { revocationScenarios } from '../harness/scenarios/revocation/revocation-scenarios.ts';
import { expect } from 'chai';
import { runCli } from '../harness/cli/run-cli.ts';
import { authScenarios, backendScenarios, scenariosOf } from '../harness/scenarios/catalogue.ts';
import { edgeScenarios } from '../harness/scenarios/edge/edge-scenarios.ts';
import { collectStream } from './support/collect-stream.ts';

/** Runs the CLI and keeps what the command wrote to process.stdout and process.stderr. */
async function run(argv: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  const written = { stdout: '', stderr: '' };
  const originals = {
    stdout: process.stdout.write.bind(process.stdout),
    stderr: process.stderr.write.bind(process.stderr),
  };
  const capture = (stream: 'stdout' | 'stderr') =>
    ((chunk: string | Uint8Array) => {
      written[stream] += typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString('utf8');
      return true;
    }) as typeof process.stdout.write;
  const cliErrors = collectStream();
  process.stdout.write = capture('stdout');
  process.stderr.write = capture('stderr');
  try {
    const code = await runCli(argv, cliErrors);
    return { code, stdout: written.stdout, stderr: written.stderr + cliErrors.text() };
  } finally {
    process.stdout.write = originals.stdout;
    process.stderr.write = originals.stderr;
  }
}

describe('mtls-conformance scenarios', () => {
  it('--json prints the catalogue on stdout, and nothing on stderr', async () => {
    const { code, stdout, stderr } = await run(['scenarios', '--json']);
    expect(code).to.equal(0);
    expect(stderr).to.equal('');
    const listing = JSON.parse(stdout) as { version: number; scenarios: Array<Record<string, unknown>> };
    expect(listing.version).to.equal(1);
    // The server suite, then the auth, backend, edge and revocation sets a target adds by declaring
    // `auth:`, `backend:`, `sharedWith`/`resumption` or `revocation:`, then the other suites.
    const expected = [
      ...scenariosOf('server'),
      ...authScenarios,
      ...backendScenarios,
      ...edgeScenarios,
      ...revocationScenarios,
      ...scenariosOf('client'),
      ...scenariosOf('oauth'),
    ].map((s) => s.id);
    expect(listing.scenarios.map((scenario) => scenario.id)).to.deep.equal(expected);
    expect(listing.scenarios[0]).to.deep.equal({
      id: 'no-client-cert',
      suite: 'server',
      title: 'No client certificate',
      method: 'probe',
      presents: { kind: 'nothing' },
      derivation: 'rejected, whatever the target trusts',
    });
    expect(listing.scenarios.find((scenario) => scenario.id === 'tls-1.3')).to.include.keys('tlsVersions');
    for (const scenario of listing.scenarios) {
      expect(scenario).to.have.keys(
        scenario.tlsVersions === undefined
          ? ['id', 'suite', 'title', 'method', 'presents', 'derivation']
          : ['id', 'suite', 'title', 'method', 'presents', 'tlsVersions', 'derivation'],
      );
    }
  });

  it('prints a table with id, title and derivation on stdout, nothing on stderr', async () => {
    const { code, stdout, stderr } = await run(['scenarios', '--suite', 'server']);
    expect(code).to.equal(0);
    expect(stderr).to.equal('');
    expect(stdout).to.match(/^Suite server: 25 scenarios$/m);
    expect(stdout).to.match(
      /^second-ca-client +Client certificate from the second CA \(same subject DN as ca1\)$/m,
    );
    expect(stdout).to.match(
      /^ +expected: accepted only if trusts includes tpp2's root CA \(ca2\); else rejected$/m,
    );
  });

  it('lists the oauth suite (RFC 8705)', async () => {
    const { code, stdout } = await run(['scenarios', '--suite', 'oauth']);
    expect(code).to.equal(0);
    expect(stdout).to.match(/^Suite oauth: 9 scenarios$/m);
    expect(stdout).to.match(
      /^resource-with-stolen-token +Protected resource with the token over another client's certificate$/m,
    );
  });

  it('refuses an unknown suite with exit 2', async () => {
    const { code, stderr } = await run(['scenarios', '--suite', 'servr']);
    expect(code).to.equal(2);
    expect(stderr).to.include('Given: "servr", Choices: "server", "client", "oauth"');
  });
});
