import { expect } from 'chai';
import { execFile } from 'node:child_process';
import { copyFile, mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { BoundedPool } from '../harness/runner/bounded-pool.ts';
import { pseudoRandomBytes } from './support/fault-server.ts';
import { snapshotFileTree } from './support/file-tree-snapshot.ts';
import { testFixtures, testFixturesDir, testPassphrase } from './support/fixtures.ts';
import { runCliProcess, type CliProcessResult } from './support/run-cli-process.ts';

/**
 * Bad input, through the real CLI in a subprocess: exit 2, exactly one line on stderr that says what,
 * the value seen and what to do, no stack trace (unless --debug), and no file created or changed.
 * The loaders' own messages are unit-tested in config-*.test.ts and pki-load-identity.test.ts; this
 * table checks what a person at a terminal (or a CI log) actually gets.
 */

/** Paths a case may name. */
interface Paths {
  inputs: string;
  caseDir: string;
  fixtures: string;
}

interface BadInputCase {
  title: string;
  args: (paths: Paths) => string[];
  /** Files the case writes into its own folder before running (a config, usually). */
  files?: (paths: Paths) => Record<string, string>;
  env?: Record<string, string>;
  /** The one line, after `mtls-conformance: `. */
  line: (paths: Paths) => RegExp;
  /** Also run it with --debug and expect the stack trace. */
  debug?: true;
}

const closedUrl = 'https://127.0.0.1:1/healthcheck';
const runFlags = ['--fixtures-passphrase-env', 'FIXTURE_PASS'];

/** A config with one URL target, its extra lines indented under the target. */
function configWith(fixtures: string, ...targetLines: string[]): string {
  return [
    `fixtures: ${JSON.stringify(fixtures)}`,
    'targets:',
    '  - name: gateway',
    `    url: ${closedUrl}`,
    ...targetLines.map((line) => `    ${line}`),
  ].join('\n');
}

function runConfig(
  title: string,
  config: (paths: Paths) => string,
  line: BadInputCase['line'],
): BadInputCase {
  return {
    title,
    files: (paths) => ({ 'config.yaml': config(paths) }),
    args: (paths) => [
      'run',
      '--config',
      join(paths.caseDir, 'config.yaml'),
      ...runFlags,
      ...reportDirOf(paths),
    ],
    line,
  };
}

function reportDirOf(paths: Paths): string[] {
  return ['--report-dir', join(paths.caseDir, 'reports')];
}

const escape = (text: string): string => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const configFile = (paths: Paths): string => escape(join(paths.caseDir, 'config.yaml'));

const configCases: BadInputCase[] = [
  runConfig(
    'config: an unknown key',
    (p) => configWith(p.fixtures, 'trusts: [ca1]', 'colour: blue'),
    (p) =>
      new RegExp(
        `^Cannot load ${configFile(p)}\\. targets\\[0\\]\\.colour \\(line 6\\): unknown key; allowed: name, url, .*\\.$`,
      ),
  ),
  runConfig(
    'config: a wrong type',
    (p) => configWith(p.fixtures, 'trusts: ca1'),
    (p) =>
      new RegExp(
        `^Cannot load ${configFile(p)}\\. targets\\[0\\]\\.trusts \\(line 5\\): must be a list, saw "ca1" \\(write a list: \\[ca1\\]\\)\\.$`,
      ),
  ),
  runConfig(
    'config: an unknown scenario id',
    (p) => configWith(p.fixtures, 'trusts: [ca1]', 'scenarios: { only: [no-such-scenario] }'),
    (p) =>
      new RegExp(
        `^Cannot load ${configFile(p)}\\. targets\\[0\\]\\.scenarios\\.only\\[0\\] \\(line 6\\): "no-such-scenario" is not a scenario of the server suite; allowed: no-client-cert, .*\\.$`,
      ),
  ),
  runConfig(
    'config: trusts names a CA the fixtures do not have',
    (p) => configWith(p.fixtures, 'trusts: [ca9]'),
    (p) =>
      new RegExp(
        `^Cannot load ${configFile(p)}\\. targets\\[0\\]\\.trusts\\[0\\] \\(line 5\\): "ca9" is not a CA of the fixture set; allowed: ca1, ca2, .*\\.$`,
      ),
  ),
  runConfig(
    'config: trusts names a CA the set will not have, checked before the missing set is generated',
    (p) => configWith(join(p.caseDir, 'fixtures-not-made-yet'), 'trusts: [ca9]'),
    (p) =>
      new RegExp(
        `^Cannot load ${configFile(p)}\\. targets\\[0\\]\\.trusts\\[0\\] \\(line 5\\): "ca9" is not a CA of the fixture set; allowed: ca1, ca2, rogue-ca, intermediate-ca, revoked-intermediate-ca, constrained-ca\\.$`,
      ),
  ),
  runConfig(
    'config: two targets with the same name',
    (p) =>
      [
        configWith(p.fixtures, 'trusts: [ca1]'),
        '  - name: Gateway',
        `    url: ${closedUrl}`,
        '    trusts: [ca1]',
      ].join('\n'),
    (p) =>
      new RegExp(
        `^Cannot load ${configFile(p)}\\. targets\\[1\\]\\.name \\(line 6\\): "Gateway" is already the name of targets\\[0\\][^;]*; target names must be unique, ignoring case\\.$`,
      ),
  ),
  runConfig(
    'config: an invalid URL',
    (p) => configWith(p.fixtures, 'trusts: [ca1]').replace(closedUrl, 'htps//127.0.0.1:8443/'),
    (p) =>
      new RegExp(
        `^Cannot load ${configFile(p)}\\. targets\\[0\\]\\.url \\(line 4\\): "htps//127\\.0\\.0\\.1:8443/" is not a URL; write https://host:port/path or tls://host:port\\.$`,
      ),
  ),
  {
    ...runConfig(
      'config: the passphrase variable of a keystore is not set',
      (p) =>
        configWith(
          p.fixtures,
          'trusts: [ca1]',
          `identity: { p12: ${JSON.stringify(join(p.fixtures, 'tpp1.p12'))}, passphraseEnv: MTLSC_NOT_SET }`,
        ),
      (p) =>
        new RegExp(
          `^Cannot load ${configFile(p)}\\. targets\\[0\\]\\.identity\\.passphraseEnv \\(line 6\\): the environment variable MTLSC_NOT_SET is not set; export it before the run \\(the config names the variable, never the passphrase\\)\\.$`,
        ),
    ),
    debug: true,
  },
  runConfig(
    'config: a mapping used as a key (and no warning of the YAML parser on stderr)',
    (p) => `? { a: 1 }\n: 1\n${configWith(p.fixtures, 'trusts: [ca1]')}`,
    (p) =>
      new RegExp(
        `^Cannot load ${configFile(p)}\\. \\["\\{ a: 1 \\}"\\]: unknown key; allowed: \\$schema, fixtures, .*\\.$`,
      ),
  ),
  {
    title: 'config: no such file',
    args: (p) => ['run', '--config', join(p.caseDir, 'nope.yaml'), ...runFlags, ...reportDirOf(p)],
    line: (p) =>
      new RegExp(
        `^Cannot load ${escape(join(p.caseDir, 'nope.yaml'))}\\. No such file \\(.*\\); mtls-conformance init writes a starter config\\.$`,
      ),
  },
  runConfig(
    'config: empty',
    () => '',
    (p) =>
      new RegExp(
        `^Cannot load ${configFile(p)}\\. It is empty; mtls-conformance init writes a starter config\\.$`,
      ),
  ),
];

/** probe with an identity: the same loader errors as a run, one line each. */
function probeCase(title: string, flags: (p: Paths) => string[], line: BadInputCase['line']): BadInputCase {
  return {
    title: `probe: ${title}`,
    args: (p) => ['probe', closedUrl, '--timeout-ms', '300', ...flags(p)],
    env: { P12_WRONG: 'not-the-passphrase' },
    line,
  };
}

const fixture = (p: Paths, name: string): string => join(p.fixtures, name);
const input = (p: Paths, name: string): string => join(p.inputs, name);

const fileCases: BadInputCase[] = [
  probeCase(
    'a missing certificate file',
    (p) => ['--cert', input(p, 'nope.crt'), '--key', fixture(p, 'tpp1.key')],
    (p) => new RegExp(`^${escape(input(p, 'nope.crt'))}: no such file \\(ENOENT\\)\\. Check the path\\.$`),
  ),
  // Tests run as root, so EACCES cannot be simulated: a folder, and a file the kernel refuses to read.
  probeCase(
    'a folder given as the certificate',
    (p) => ['--cert', input(p, 'a-folder'), '--key', fixture(p, 'tpp1.key')],
    (p) =>
      new RegExp(
        `^${escape(input(p, 'a-folder'))}: is a folder, not a file \\(EISDIR\\)\\. Give the path of the file inside it\\.$`,
      ),
  ),
  probeCase(
    'a key file that cannot be read (/proc/self/mem: EIO, even for root)',
    (p) => ['--cert', fixture(p, 'tpp1.crt'), '--key', '/proc/self/mem'],
    () => /^\/proc\/self\/mem: cannot be read \(EIO\)\. Check the path and the disk\.$/,
  ),
  probeCase(
    'an empty certificate',
    (p) => ['--cert', input(p, 'empty.crt'), '--key', fixture(p, 'tpp1.key')],
    (p) =>
      new RegExp(
        `^${escape(input(p, 'empty.crt'))}: the file is empty \\(0 bytes\\)\\. Give the file that holds the certificate\\.$`,
      ),
  ),
  {
    ...probeCase(
      'binary junk as the certificate',
      (p) => ['--cert', input(p, 'junk.bin'), '--key', fixture(p, 'tpp1.key')],
      (p) =>
        new RegExp(
          `^${escape(input(p, 'junk.bin'))}: not a PEM or DER certificate \\(starts with bytes [0-9a-f]{16}\\)\\. Give a file that starts with "-----BEGIN CERTIFICATE-----"\\.$`,
        ),
    ),
    debug: true,
  },
  probeCase(
    'a private key given as the certificate (PEM of the wrong kind)',
    (p) => ['--cert', fixture(p, 'tpp1.key'), '--key', fixture(p, 'tpp1.key')],
    (p) =>
      new RegExp(
        `^${escape(fixture(p, 'tpp1.key'))}: holds a PRIVATE KEY, not a certificate \\(-----BEGIN PRIVATE KEY-----\\)\\. Give it as the key file, .*\\.$`,
      ),
  ),
  probeCase(
    'a PEM certificate given as the keystore',
    (p) => ['--p12', fixture(p, 'tpp1.crt'), '--passphrase-env', 'P12_WRONG'],
    (p) =>
      new RegExp(
        `^${escape(fixture(p, 'tpp1.crt'))}: is PEM text, not a PKCS#12 keystore \\(-----BEGIN CERTIFICATE-----\\)\\. Load it as certFile and keyFile, or convert it: .*\\.$`,
      ),
  ),
  probeCase(
    'a truncated keystore',
    (p) => ['--p12', input(p, 'truncated.p12'), '--passphrase-env', 'P12_WRONG'],
    (p) =>
      new RegExp(
        `^${escape(input(p, 'truncated.p12'))}: the keystore is cut short \\(700 bytes\\)\\. Give the \\.p12/\\.pfx file as exported, in full\\.$`,
      ),
  ),
  {
    ...probeCase(
      'a keystore with the wrong password',
      (p) => ['--p12', fixture(p, 'tpp1.p12'), '--passphrase-env', 'P12_WRONG'],
      (p) =>
        new RegExp(
          `^${escape(fixture(p, 'tpp1.p12'))}: the password does not open this keystore \\(PKCS#12 MAC check failed\\)\\. Check the passphrase \\(--passphrase-env P12_WRONG\\)\\.$`,
        ),
    ),
    debug: true,
  },
  probeCase(
    'a key that does not belong to the certificate',
    (p) => ['--cert', fixture(p, 'tpp1.crt'), '--key', fixture(p, 'tpp2.key')],
    (p) =>
      new RegExp(
        `^${escape(fixture(p, 'tpp2.key'))}: this key does not belong to the certificate in ${escape(fixture(p, 'tpp1.crt'))} \\(certificate CN=tpp1\\.demo\\.axway\\.com\\)\\. Give the key that was generated with that certificate\\.$`,
      ),
  ),
  probeCase(
    'a passphrase variable that is not set',
    (p) => ['--p12', fixture(p, 'tpp1.p12'), '--passphrase-env', 'MTLSC_NOT_SET'],
    (p) =>
      new RegExp(
        `^--passphrase-env MTLSC_NOT_SET: the environment variable MTLSC_NOT_SET is not set\\. Export it with the password of ${escape(fixture(p, 'tpp1.p12'))}\\.$`,
      ),
  ),
];

/** The same bad files as a target's `identity:` in a config: refused before any target starts. */
function identityCase(
  title: string,
  identity: (p: Paths) => string,
  line: BadInputCase['line'],
): BadInputCase {
  return {
    ...runConfig(
      `config identity: ${title}`,
      (p) => configWith(p.fixtures, 'trusts: [ca1]', `identity: ${identity(p)}`),
      line,
    ),
    env: { P12_WRONG: 'not-the-passphrase' },
  };
}

const pem = (p: Paths, cert: string, key: string): string =>
  `{ cert: ${JSON.stringify(cert)}, key: ${JSON.stringify(key)} }`;
const p12 = (file: string): string => `{ p12: ${JSON.stringify(file)}, passphraseEnv: P12_WRONG }`;

const identityCases: BadInputCase[] = [
  identityCase(
    'a missing certificate file',
    (p) => pem(p, input(p, 'nope.crt'), fixture(p, 'tpp1.key')),
    (p) =>
      new RegExp(
        `^Cannot load ${configFile(p)}\\. targets\\[0\\]\\.identity\\.cert \\(line 6\\): no file at ${escape(input(p, 'nope.crt'))}\\.$`,
      ),
  ),
  identityCase(
    'a folder given as the certificate',
    (p) => pem(p, input(p, 'a-folder'), fixture(p, 'tpp1.key')),
    (p) =>
      new RegExp(
        `^Cannot load ${configFile(p)}\\. targets\\[0\\]\\.identity\\.cert \\(line 6\\): ${escape(input(p, 'a-folder'))} is a folder, not a file\\.$`,
      ),
  ),
  identityCase(
    'an empty certificate',
    (p) => pem(p, input(p, 'empty.crt'), fixture(p, 'tpp1.key')),
    (p) =>
      new RegExp(
        `^${escape(input(p, 'empty.crt'))}: the file is empty \\(0 bytes\\)\\. Give the file that holds the certificate\\.$`,
      ),
  ),
  identityCase(
    'binary junk as the key',
    (p) => pem(p, fixture(p, 'tpp1.crt'), input(p, 'junk.bin')),
    (p) => new RegExp(`^${escape(input(p, 'junk.bin'))}: .*\\(starts with bytes [0-9a-f]{16}\\)\\. .*\\.$`),
  ),
  identityCase(
    'a certificate given as the key (PEM of the wrong kind)',
    (p) => pem(p, fixture(p, 'tpp1.crt'), fixture(p, 'tpp1.crt')),
    (p) =>
      new RegExp(
        `^${escape(fixture(p, 'tpp1.crt'))}: holds a CERTIFICATE, not a private key \\(-----BEGIN CERTIFICATE-----\\)\\. .*\\.$`,
      ),
  ),
  identityCase(
    'a truncated keystore',
    (p) => p12(input(p, 'truncated.p12')),
    (p) =>
      new RegExp(
        `^${escape(input(p, 'truncated.p12'))}: the keystore is cut short \\(700 bytes\\)\\. .*\\.$`,
      ),
  ),
  {
    ...identityCase(
      'a keystore with the wrong password',
      (p) => p12(fixture(p, 'tpp1.p12')),
      (p) =>
        new RegExp(
          `^${escape(fixture(p, 'tpp1.p12'))}: the password does not open this keystore \\(PKCS#12 MAC check failed\\)\\. Check the passphrase \\(\\$P12_WRONG, identity\\.passphraseEnv\\)\\.$`,
        ),
    ),
    debug: true,
  },
  identityCase(
    'a key that does not belong to the certificate',
    (p) => pem(p, fixture(p, 'tpp1.crt'), fixture(p, 'tpp2.key')),
    (p) =>
      new RegExp(`^${escape(fixture(p, 'tpp2.key'))}: this key does not belong to the certificate in .*\\.$`),
  ),
];

/** Reported as an input problem, not as the target failing bad-keystore-password. */
const fixturePassphraseCases: BadInputCase[] = [
  {
    title: 'run: a fixture passphrase that does not open the set',
    args: (p) => [
      'run',
      '--target',
      closedUrl,
      '--trusts',
      'ca1',
      '--fixtures',
      p.fixtures,
      ...runFlags,
      ...reportDirOf(p),
    ],
    env: { FIXTURE_PASS: 'not-the-fixture-passphrase' },
    line: (p) =>
      new RegExp(
        `^--fixtures-passphrase-env FIXTURE_PASS: its value does not open the keystores of the fixture set in ${escape(p.fixtures)} \\(the manifest's passphrase check fails\\)\\. Export the passphrase the set was made with, or .*\\.$`,
      ),
    debug: true,
  },
  {
    title: 'run: a fixture set whose passphrase is unknown (no passphrase.txt, no variable)',
    args: (p) => [
      'run',
      '--target',
      closedUrl,
      '--trusts',
      'ca1',
      '--fixtures',
      p.fixtures,
      ...reportDirOf(p),
    ],
    line: (p) =>
      new RegExp(
        `^The fixture set in ${escape(p.fixtures)} has no passphrase\\.txt, so its keystore passphrase is unknown\\. Give it with --fixtures-passphrase-env VAR, or .*\\.$`,
      ),
  },
];

const cliCases: BadInputCase[] = [
  {
    title: 'run: --config with --target, refused before fixtures or reports are touched',
    args: (p) => [
      'run',
      '--config',
      join(p.caseDir, 'nope.yaml'),
      '--target',
      closedUrl,
      '--fixtures',
      join(p.caseDir, 'fixtures'),
      ...reportDirOf(p),
    ],
    line: () =>
      /^Arguments config and target are mutually exclusive\. See 'mtls-conformance <command> --help'\.$/,
  },
  {
    title: 'run: --trusts without --target, a usage mistake rather than an internal error',
    args: (p) => ['run', '--trusts', 'ca1', ...reportDirOf(p)],
    line: () =>
      /^--trusts declares what --target or --targets-file trusts; give one of them, e\.g\. run --target https:\/\/127\.0\.0\.1:8443\/ --trusts ca1\.$/,
  },
  {
    title: 'probe: --p12 with --cert, refused before any file is read',
    args: (p) => ['probe', closedUrl, '--p12', input(p, 'nope.p12'), '--cert', input(p, 'nope.crt')],
    line: () =>
      /^--p12 and --cert both name a client identity\. Give --p12 with --passphrase-env, or --cert and --key, not both\.$/,
    debug: true,
  },
  {
    title: 'probe: --cert without --key',
    args: (p) => ['probe', closedUrl, '--cert', fixture(p, 'tpp1.crt')],
    line: () => /^--cert needs --key too: a client identity is a certificate and its private key\.$/,
  },
  {
    title: 'fixtures: --password-env with --password',
    args: (p) => ['fixtures', '--out', join(p.caseDir, 'fixtures'), '--password-env', 'X', '--password', 'y'],
    line: () => /^Arguments password-env and password are mutually exclusive\. See .*\.$/,
  },
  {
    title: 'fixtures: a passphrase variable that is not set, before the folder is made',
    args: (p) => ['fixtures', '--out', join(p.caseDir, 'fixtures'), '--password-env', 'MTLSC_NOT_SET'],
    line: () =>
      /^--password-env MTLSC_NOT_SET: the variable is not set\. Export it first, or use --password-file\.$/,
  },
];

const cases = [...configCases, ...fileCases, ...identityCases, ...fixturePassphraseCases, ...cliCases];

interface CaseOutcome {
  result: CliProcessResult;
  debug?: CliProcessResult;
  before: string[];
  after: string[];
}

describe('bad input through the real CLI: exit 2, one line, no stack, nothing written', function () {
  this.timeout(300_000);
  let work: string;
  let inputs: string;
  let fixtureTreeBefore: string[];
  const outcomes = new Map<string, CaseOutcome>();
  const env = { FIXTURE_PASS: testPassphrase };

  before(async () => {
    const fixtures = await testFixtures();
    work = await mkdtemp(join(tmpdir(), 'mtlsc-bad-input-'));
    inputs = join(work, 'inputs');
    await mkdir(join(inputs, 'a-folder'), { recursive: true });
    await writeFile(join(inputs, 'empty.crt'), '');
    await writeFile(join(inputs, 'junk.bin'), pseudoRandomBytes('junk', 1500));
    await writeFile(
      join(inputs, 'truncated.p12'),
      (await readFile(fixtures.path('tpp1', 'p12'))).subarray(0, 700),
    );
    fixtureTreeBefore = await snapshotFileTree(testFixturesDir);
    const inputsBefore = await snapshotFileTree(inputs);

    // Each CLI start costs seconds of tsx compilation: run the table a few at a time, then assert.
    const pool = new BoundedPool(4);
    await Promise.all(
      cases.map((testCase, index) =>
        pool.submit(async () => {
          const paths: Paths = { inputs, caseDir: join(work, `case-${index}`), fixtures: testFixturesDir };
          await mkdir(paths.caseDir);
          for (const [name, text] of Object.entries(testCase.files?.(paths) ?? {})) {
            await writeFile(join(paths.caseDir, name), text);
          }
          const before = await snapshotFileTree(paths.caseDir);
          const options = { cwd: paths.caseDir, env: { ...env, ...testCase.env } };
          const args = testCase.args(paths);
          const result = await runCliProcess(args, options);
          const debug = testCase.debug ? await runCliProcess([...args, '--debug'], options) : undefined;
          const after = await snapshotFileTree(paths.caseDir);
          outcomes.set(testCase.title, { result, ...(debug && { debug }), before, after });
        }),
      ),
    );
    expect(await snapshotFileTree(inputs)).to.deep.equal(inputsBefore);
  });
  after(() => rm(work, { recursive: true, force: true }));

  cases.forEach((testCase, index) => {
    it(testCase.title, () => {
      const outcome = outcomes.get(testCase.title)!;
      const { result } = outcome;
      const paths: Paths = { inputs, caseDir: join(work, `case-${index}`), fixtures: testFixturesDir };
      expect(result.code, result.stderr).to.equal(2);
      expect(result.stdout).to.equal('');
      const lines = result.stderr.trimEnd().split('\n');
      expect(lines, result.stderr).to.have.lengthOf(1);
      expect(lines[0]).to.match(/^mtls-conformance: /);
      expect(lines[0]!.slice('mtls-conformance: '.length), lines[0]).to.match(testCase.line(paths));
      expect(outcome.after, 'files in the case folder').to.deep.equal(outcome.before);
      if (outcome.debug) {
        expect(outcome.debug.code).to.equal(2);
        const [first, ...stack] = outcome.debug.stderr.trimEnd().split('\n');
        expect(first).to.equal(lines[0]);
        expect(stack.join('\n')).to.match(/Error: .*\n\s+at .*\.ts:\d+:\d+/);
      }
    });
  });

  it('leaves the fixture set it read untouched', async () => {
    expect(await snapshotFileTree(testFixturesDir)).to.deep.equal(fixtureTreeBefore);
  });
});

describe('a config with several problems, its fixture set not made yet', function () {
  this.timeout(60_000);
  it('names every problem in one report, the unknown CA included, and writes no fixture', async () => {
    const work = await mkdtemp(join(tmpdir(), 'mtlsc-all-at-once-'));
    try {
      const config = [
        'fixtures: ./fixtures-not-made-yet',
        'targets:',
        '  - name: gateway',
        `    url: ${closedUrl}`,
        '    trusts: [ca1, ca3]',
        '    serverCa: ca9',
        '    colour: blue',
        '  - name: Gateway',
        '    url: htps//127.0.0.1/',
        '    trusts: [ca1]',
      ].join('\n');
      await writeFile(join(work, 'config.yaml'), config);
      const result = await runCliProcess(['run', '--config', 'config.yaml'], { cwd: work });
      expect(result.code, result.stderr).to.equal(2);
      const lines = result.stderr.trimEnd().split('\n');
      expect(lines[0]).to.equal('mtls-conformance: Cannot load config.yaml: 5 problems.');
      expect(lines.slice(1).map((line) => line.trim().replace(/ \(line \d+\):.*/, ''))).to.deep.equal([
        'targets[0].trusts[1]',
        'targets[0].serverCa',
        'targets[0].colour',
        'targets[1].name',
        'targets[1].url',
      ]);
      expect(lines[1]).to.include(
        '"ca3" is not a CA of the fixture set; allowed: ca1, ca2, rogue-ca, intermediate-ca, revoked-intermediate-ca, constrained-ca.',
      );
      expect(await readdir(work)).to.deep.equal(['config.yaml']);
    } finally {
      await rm(work, { recursive: true, force: true });
    }
  });
});

describe('a legacy PKCS#12 keystore is read, with a one-line warning that says how to convert it', function () {
  this.timeout(60_000);
  let work: string;
  before(async () => {
    const fixtures = await testFixtures();
    work = await mkdtemp(join(tmpdir(), 'mtlsc-legacy-'));
    // What old Java and Windows export: RC2-40, which OpenSSL 3 refuses without its legacy provider.
    await promisify(execFile)('openssl', [
      'pkcs12',
      '-export',
      '-legacy',
      '-in',
      fixtures.path('tpp1', 'crt'),
      '-inkey',
      fixtures.path('tpp1', 'key'),
      '-passout',
      'pass:old-export',
      '-out',
      join(work, 'old.p12'),
    ]);
    await copyFile(fixtures.path('tpp1', 'crt'), join(work, 'tpp1.crt'));
  });
  after(() => rm(work, { recursive: true, force: true }));

  it('probe: loads it, warns once, then probes (exit 1 here: nothing listens)', async () => {
    const result = await runCliProcess(
      ['probe', closedUrl, '--timeout-ms', '300', '--p12', 'old.p12', '--passphrase-env', 'OLD_PASS'],
      { cwd: work, env: { OLD_PASS: 'old-export' } },
    );
    expect(result.code, result.stderr).to.equal(1);
    const warnings = result.stderr.split('\n').filter((line) => line.includes('legacy PKCS#12'));
    expect(warnings).to.have.lengthOf(1);
    expect(warnings[0]).to.match(
      /^mtls-conformance: old\.p12: this keystore uses legacy PKCS#12 encryption \(pbeWithSHAAnd40BitRC2-CBC\) .* convert it: openssl pkcs12 -legacy -in old\.p12 .*\.$/,
    );
    expect(result.stdout).to.include('ERROR at tcp');
  });
});
