import { expect } from 'chai';
import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { chmod, cp, lstat, mkdir, mkdtemp, readFile, readdir, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { openFixtureSet } from '../harness/pki/open-fixture-set.ts';
import type { RunResults } from '../harness/report/run-results.ts';
import { MockMtlsServer } from '../harness/servers/mock-mtls-server.ts';
import type { StartedMockMtlsServer } from '../harness/servers/started-mock-mtls-server.ts';
import { testFixtures, testFixturesDir } from './support/fixtures.ts';
import { runCliProcess, type CliProcessResult } from './support/run-cli-process.ts';

/**
 * The whole CLI, run with known secret passphrases: every byte it prints and every file it writes in a
 * report folder is searched for the passphrases, for private-key PEM and for the private keys' base64.
 * The fixture set is a copy of the shared test set, so its keystores are rewritten with these
 * passphrases without generating new keys (key generation takes seconds per key).
 */
describe('security: no passphrase or private key in any output or report', function () {
  this.timeout(600_000);
  const secrets = {
    fixture: `fx-${randomBytes(12).toString('hex')}`,
    partner: `pp-${randomBytes(12).toString('hex')}`,
    throwaway: `tw-${randomBytes(12).toString('hex')}`,
    generated: '',
  };
  const env = { FX_PASS: secrets.fixture, PARTNER_PASS: secrets.partner };
  let work: string;
  let fx: string;
  let fxGenerated: string;
  let reports: string;
  let server: StartedMockMtlsServer | undefined;
  const outputs: { label: string; result: CliProcessResult }[] = [];

  async function cli(label: string, args: string[], expectedCode: number): Promise<CliProcessResult> {
    const result = await runCliProcess(args, { cwd: work, env, timeoutMs: 240_000 });
    outputs.push({ label, result });
    expect(result.code, `${label}: ${result.stderr}`).to.equal(expectedCode);
    return result;
  }

  before(async () => {
    await testFixtures();
    work = await mkdtemp(join(tmpdir(), 'mtlsc-secrets-'));
    fx = join(work, 'fixtures');
    fxGenerated = join(work, 'fixtures-generated');
    reports = join(work, 'reports');
    for (const copy of [fx, fxGenerated]) {
      await cp(testFixturesDir, copy, { recursive: true });
      await rm(join(copy, 'passphrase.txt'), { force: true });
    }

    await cli('fixtures --password-env', ['fixtures', '--out', fx, '--password-env', 'FX_PASS'], 0);
    await cli('fixtures, passphrase generated', ['fixtures', '--out', fxGenerated], 0);
    secrets.generated = (await readFile(join(fxGenerated, 'passphrase.txt'), 'utf8')).trim();

    // The demo: two mock targets, the whole catalogue, bad-keystore-password opening tpp1.p12.
    await cli(
      'run, demo targets',
      [
        'run',
        '--fixtures',
        fx,
        '--fixtures-passphrase-env',
        'FX_PASS',
        '--report-dir',
        join(reports, 'demo'),
        '--json',
      ],
      0,
    );
    await cli(
      'run, generated passphrase',
      ['run', '--fixtures', fxGenerated, '--report-dir', join(reports, 'demo-generated')],
      0,
    );

    const fixtures = await openFixtureSet(fx);
    server = await new MockMtlsServer(fixtures.identity('server'))
      .withTrust(fixtures.trustBundlePem(['ca1']))
      .start();
    const p12Args = ['--p12', join(fx, 'tpp1.p12'), '--passphrase-env', 'FX_PASS'];
    await cli('probe --p12', ['probe', `${server.url}/healthcheck`, ...p12Args], 0);
    await cli('probe --p12 --json', ['probe', `${server.url}/healthcheck`, ...p12Args, '--json'], 0);

    // A partner's own keystore, its passphrase in an environment variable, in a run that fails.
    const partnerP12 = join(work, 'partner.p12');
    await promisify(execFile)(
      'openssl',
      [
        'pkcs12',
        '-export',
        '-in',
        join(fx, 'tpp1.crt'),
        '-inkey',
        join(fx, 'tpp1.key'),
        '-passout',
        'env:PARTNER_PASS',
        '-out',
        partnerP12,
      ],
      { env: { ...process.env, ...env } },
    );
    const identity = `identity: { p12: ${JSON.stringify(partnerP12)}, passphraseEnv: PARTNER_PASS }`;
    await writeFile(
      join(work, 'partner.yaml'),
      [
        `fixtures: ${JSON.stringify(fx)}`,
        'targets:',
        '  - { name: partner-ok, provider: mock, trusts: [ca1], serverCa: ca1 }',
        '  - name: partner-lax',
        '    provider: mock',
        '    trusts: [ca1]',
        '    mock: { misconfiguration: accept-any-certificate }',
        `    ${identity}`,
        '  - name: partner-strict',
        `    url: ${server.url}/healthcheck`,
        '    trusts: [ca1]',
        `    ${identity}`,
      ].join('\n'),
    );
    await cli(
      'run, partner keystore, failing',
      [
        'run',
        '--config',
        'partner.yaml',
        '--fixtures-passphrase-env',
        'FX_PASS',
        '--report-dir',
        join(reports, 'partner'),
        '--json',
      ],
      1,
    );
    await cli(
      'probe, wrong passphrase',
      ['probe', `${server.url}/healthcheck`, '--p12', partnerP12, '--passphrase-env', 'FX_PASS'],
      2,
    );
    // Last: it rewrites the keystores of `fx` with the throwaway password.
    await cli('fixtures --password', ['fixtures', '--out', fx, '--password', secrets.throwaway], 0);
  });
  after(async () => {
    await server?.stop();
    await rm(work, { recursive: true, force: true });
  });

  /** What must appear nowhere: the passphrases (as given and in base64) and the private keys. */
  async function forbiddenStrings(): Promise<Array<[string, string]>> {
    const forbidden: Array<[string, string]> = [['PRIVATE KEY', 'a private key PEM header']];
    for (const [name, value] of Object.entries(secrets)) {
      expect(value, `${name} passphrase`).to.have.length.greaterThan(8);
      forbidden.push([value, `the ${name} passphrase`]);
      forbidden.push([
        Buffer.from(value).toString('base64').slice(0, 16),
        `the ${name} passphrase in base64`,
      ]);
    }
    for (const name of (await readdir(fx)).filter((file) => file.endsWith('.key'))) {
      const body = (await readFile(join(fx, name), 'utf8'))
        .replace(/-----[^-]+-----/g, '')
        .replace(/\s+/g, '');
      // A distinctive slice of the secret part (its start is the same ASN.1 header in every key). An EC
      // or Ed25519 key is under 250 characters, its private scalar in the first half, its public key last.
      const start = Math.min(200, Math.floor(body.length / 3));
      forbidden.push([body.slice(start, start + 24), `the base64 of ${name}`]);
    }
    return forbidden;
  }

  async function filesUnder(folder: string): Promise<string[]> {
    const found: string[] = [];
    for (const name of await readdir(folder)) {
      const path = join(folder, name);
      if ((await lstat(path)).isDirectory()) found.push(...(await filesUnder(path)));
      else found.push(path);
    }
    return found;
  }

  it('no secret in stdout or stderr of any command', async () => {
    const forbidden = await forbiddenStrings();
    expect(outputs).to.have.lengthOf(9);
    for (const { label, result } of outputs) {
      for (const [text, what] of forbidden) {
        expect(result.stdout.includes(text), `${what} in stdout of ${label}`).to.equal(false);
        expect(result.stderr.includes(text), `${what} in stderr of ${label}`).to.equal(false);
      }
    }
  });

  it('no secret in any file of the report folders (HTML, JUnit, JSON and anything else)', async () => {
    const forbidden = await forbiddenStrings();
    const files = await filesUnder(reports);
    const names = files.map((file) => file.slice(reports.length + 1)).sort();
    expect(names).to.include.members([
      'demo/report.html',
      'demo/junit.xml',
      'demo/results.json',
      'partner/results.json',
    ]);
    for (const file of files) {
      const text = (await readFile(file)).toString('latin1');
      for (const [secret, what] of forbidden) {
        expect(text.includes(secret), `${what} in ${file}`).to.equal(false);
      }
      // Public data only: the one PEM a report may hold is a certificate.
      expect(text, file).not.to.match(/-----BEGIN (?!CERTIFICATE-----)/);
    }
  });

  it('the runs did what they claim, so the search above looked at real output', async () => {
    const demo = JSON.parse(await readFile(join(reports, 'demo', 'results.json'), 'utf8')) as RunResults;
    const scenario = demo.targets[0]!.scenarios.find(
      (candidate) => candidate.id === 'bad-keystore-password',
    )!;
    expect(scenario.verdict).to.equal('pass');
    const partner = JSON.parse(
      await readFile(join(reports, 'partner', 'results.json'), 'utf8'),
    ) as RunResults;
    expect(partner.targets.map((target) => target.name)).to.deep.equal([
      'partner-ok',
      'partner-lax',
      'partner-strict',
    ]);
    expect(partner.summary.fail).to.be.greaterThan(0);
    const wrong = outputs.find((output) => output.label === 'probe, wrong passphrase')!.result;
    expect(wrong.stderr).to.include('the password does not open this keystore');
    expect(wrong.stderr).to.include('--passphrase-env FX_PASS');
    const throwaway = outputs.find((output) => output.label === 'fixtures --password')!.result;
    expect(throwaway.stderr).to.include(
      'warning: --password is visible in the process list and shell history',
    );
    // Mock targets listen on loopback only.
    for (const results of [demo, partner]) {
      for (const target of results.targets)
        expect(target.url, target.name).to.match(/^https:\/\/127\.0\.0\.1:\d+\//);
    }
  });

  it('keys and keystores are 0600 in a 0700 folder, and so is the generated passphrase.txt', async () => {
    for (const folder of [fx, fxGenerated]) {
      expect((await stat(folder)).mode & 0o777, folder).to.equal(0o700);
      for (const name of await readdir(folder)) {
        if (!/\.(key|p12)$/.test(name)) continue;
        expect((await stat(join(folder, name))).mode & 0o777, `${folder}/${name}`).to.equal(0o600);
      }
    }
    expect((await stat(join(fxGenerated, 'passphrase.txt'))).mode & 0o777).to.equal(0o600);
  });
});

describe('security: a fixture folder made by someone else is tightened before keys go in', function () {
  this.timeout(120_000);
  let work: string;
  before(async () => {
    await testFixtures();
    work = await mkdtemp(join(tmpdir(), 'mtlsc-modes-'));
  });
  after(() => rm(work, { recursive: true, force: true }));

  it('fixtures --out into an existing 0755 folder leaves it 0700', async () => {
    const out = join(work, 'pki');
    await mkdir(out, { mode: 0o755 });
    await cp(testFixturesDir, out, { recursive: true });
    await rm(join(out, 'passphrase.txt'), { force: true });
    await chmod(out, 0o755);
    const result = await runCliProcess(['fixtures', '--out', out, '--password-env', 'X'], {
      env: { X: 'x-passphrase' },
    });
    expect(result.code, result.stderr).to.equal(0);
    expect((await stat(out)).mode & 0o777).to.equal(0o700);
  });
});
