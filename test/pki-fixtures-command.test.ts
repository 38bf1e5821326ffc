import { execFile } from 'node:child_process';
import { mkdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { expect } from 'chai';
import { runCli } from '../harness/cli/run-cli.ts';
import { loadIdentity } from '../harness/pki/load-identity.ts';
import { collectStream } from './support/collect-stream.ts';

const dir = fileURLToPath(new URL('../.tmp/pki-fixtures-command-test', import.meta.url));
const spec = join(dir, 'small.yaml');
const out = join(dir, 'out');

/**
 * Runs the CLI and returns its exit code and everything written to stderr. The command writes its
 * summary to process.stderr (runCli hands its stream only to error reporting), so that is captured too.
 */
async function cli(args: string[]): Promise<{ code: number; stderr: string }> {
  const stream = collectStream();
  const chunks: string[] = [];
  const original = process.stderr.write.bind(process.stderr);
  process.stderr.write = (chunk: string | Uint8Array) => {
    chunks.push(typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString('utf8'));
    return true;
  };
  try {
    const code = await runCli(args, stream);
    return { code, stderr: chunks.join('') + stream.text() };
  } finally {
    process.stderr.write = original;
  }
}

describe('mtls-conformance fixtures', () => {
  before(async () => {
    await rm(dir, { recursive: true, force: true });
    await mkdir(dir, { recursive: true });
    await writeFile(
      spec,
      [
        'version: 1',
        'identities:',
        '  - { name: root, role: root-ca, subject: { CN: Small Root } }',
        '  - { name: client, role: client, issuer: root, subject: { CN: client.test }, validity: { days: 30 } }',
        '  - { name: old, role: client, issuer: root, subject: { CN: old.test }, validity: { days: 1, startsInDays: -5 } }',
        '',
      ].join('\n'),
    );
  });
  afterEach(() => {
    delete process.env['PKI_TEST_PASS'];
  });

  it('without a password option, makes a random passphrase, keeps it in DIR/passphrase.txt (0600) and never prints it', async () => {
    const { code, stderr } = await cli(['fixtures', '--out', out, '--spec', spec]);
    expect(code).to.equal(0);
    const passphrase = (await readFile(join(out, 'passphrase.txt'), 'utf8')).trim();
    expect(passphrase).to.match(/^[A-Za-z0-9_-]{24}$/);
    expect((await stat(join(out, 'passphrase.txt'))).mode & 0o777).to.equal(0o600);
    expect(stderr).to.not.include(passphrase);
    expect(stderr).to.not.include('PRIVATE KEY');
    expect(stderr).to.match(new RegExp(`^Created 3 identities in ${out} \\(\\d+\\.\\d s\\)\\.$`, 'm'));
    expect(stderr).to.match(/^ {2}NAME {4}ROLE {5}ISSUER {2}EXPIRES$/m);
    expect(stderr).to.match(/^ {2}client {2}client {3}root {4}\d{4}-\d\d-\d\d$/m);
    expect(stderr).to.match(/^ {2}old {5}client {3}root {4}\d{4}-\d\d-\d\d {2}\(expired\)$/m);
    expect(stderr).to.include(`Keystore passphrase: ${out}/passphrase.txt (generated, 0600)`);
    expect(stderr).to.include(`Manifest: ${out}/manifest.json`);
    expect(stderr).to.include('Trust bundles: trust/root.pem');
    await loadIdentity({ p12File: join(out, 'client.p12'), passphrase });
  });

  it('a second run reuses the set and the kept passphrase', async () => {
    const { code, stderr } = await cli(['fixtures', '--out', out, '--spec', spec]);
    expect(code).to.equal(0);
    expect(stderr).to.include(
      `The fixture set in ${out} is up to date (same spec); reused it. --force regenerates it.`,
    );
    expect(stderr).to.include(`Keystore passphrase: ${out}/passphrase.txt\n`);
  });

  it('--password-env rewrites the keystores for that passphrase and removes the stale passphrase.txt', async () => {
    process.env['PKI_TEST_PASS'] = 'from-the-env';
    const { code, stderr } = await cli([
      'fixtures',
      '--out',
      out,
      '--spec',
      spec,
      '--password-env',
      'PKI_TEST_PASS',
    ]);
    expect(code).to.equal(0);
    expect(stderr).to.include(
      `Reused the certificates in ${out}; rewrote the keystores (the passphrase changed).`,
    );
    expect(stderr).to.include('Keystore passphrase: $PKI_TEST_PASS');
    expect(stderr).to.not.include('from-the-env');
    const leftover = await stat(join(out, 'passphrase.txt')).catch(
      (error: NodeJS.ErrnoException) => error.code,
    );
    expect(leftover).to.equal('ENOENT');
    await loadIdentity({ p12File: join(out, 'client.p12'), passphrase: 'from-the-env' });
  });

  it('--password-file and --legacy-p12: 3DES keystores that open with the first line of the file', async () => {
    const file = join(dir, 'pass.txt');
    await writeFile(file, 'from-a-file\nignored second line\n');
    const { code, stderr } = await cli([
      'fixtures',
      '--out',
      out,
      '--spec',
      spec,
      '--password-file',
      file,
      '--legacy-p12',
    ]);
    expect(code).to.equal(0);
    expect(stderr).to.include('NAME.p12 (3DES, 0600)');
    await loadIdentity({ p12File: join(out, 'client.p12'), passphrase: 'from-a-file' });
  });

  it('--password works but warns that it is visible, and --force regenerates', async () => {
    const { code, stderr } = await cli([
      'fixtures',
      '--out',
      out,
      '--spec',
      spec,
      '--password',
      'literal-pass',
      '--force',
    ]);
    expect(code).to.equal(0);
    expect(stderr).to.include(
      'mtls-conformance: warning: --password is visible in the process list and shell history; prefer --password-env or --password-file.',
    );
    expect(stderr).to.include(`Created 3 identities in ${out}`);
    expect(stderr.split('literal-pass')).to.have.length(1);
  });

  const refusals: { title: string; args: string[]; message: string }[] = [
    {
      title: 'two passphrase sources',
      args: ['--password', 'a', '--password-file', 'b'],
      message:
        "mtls-conformance: Arguments password-file and password are mutually exclusive. See 'mtls-conformance <command> --help'.\n",
    },
    {
      title: 'an unset --password-env variable',
      args: ['--password-env', 'PKI_TEST_UNSET'],
      message:
        'mtls-conformance: --password-env PKI_TEST_UNSET: the variable is not set. Export it first, or use --password-file.\n',
    },
    {
      title: 'a missing --spec file',
      args: ['--spec', '/nonexistent/spec.yaml'],
      message: 'mtls-conformance: /nonexistent/spec.yaml: no such file (ENOENT). Check the path.\n',
    },
  ];
  for (const { title, args, message } of refusals) {
    it(`refuses ${title} with exit 2 and one line, writing nothing`, async () => {
      const target = join(dir, 'refused');
      const { code, stderr } = await cli(['fixtures', '--out', target, ...args]);
      expect(code).to.equal(2);
      expect(stderr.startsWith(message), stderr).to.be.true;
      const created = await stat(target).catch((error: NodeJS.ErrnoException) => error.code);
      expect(created).to.equal('ENOENT');
    });
  }

  it('--help lists the options and examples (through the installed bin: yargs exits after help)', async () => {
    const bin = fileURLToPath(new URL('../bin/mtls-conformance.js', import.meta.url));
    const { stdout, stderr } = await promisify(execFile)(process.execPath, [bin, 'fixtures', '--help']);
    const help = stdout + stderr;
    for (const option of [
      '--out',
      '--password-env',
      '--password-file',
      '--password',
      '--spec',
      '--force',
      '--legacy-p12',
    ]) {
      expect(help).to.include(option);
    }
    expect(help).to.include('Examples:');
    expect(help).to.include('mtls-conformance fixtures --spec my-pki.yaml --force --legacy-p12');
  });
});
