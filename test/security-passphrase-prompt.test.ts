import { expect } from 'chai';
import { execFile } from 'node:child_process';
import { cp, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadIdentity } from '../harness/pki/load-identity.ts';
import { testFixtures, testFixturesDir } from './support/fixtures.ts';
import { cliPath, runCliProcess } from './support/run-cli-process.ts';

/**
 * Runs the CLI on a pseudo-terminal (python3's pty: Node has none of its own), answers each prompt
 * with the next of `answers` and returns all the terminal showed: what is typed at a no-echo prompt
 * must not be in it.
 */
function runOnTerminal(
  args: readonly string[],
  answers: readonly string[],
): Promise<{ code: number; screen: string }> {
  const script = `
import os, pty, sys, json
node, cli, answers, args = sys.argv[1], sys.argv[2], json.loads(sys.argv[3]), sys.argv[4:]
pid, fd = pty.fork()
if pid == 0:
    os.execv(node, [node, cli, *args])
screen = b''
def read():
    global screen
    try:
        chunk = os.read(fd, 4096)
    except OSError:
        return False
    screen += chunk
    return bool(chunk)
for answer in answers:
    while not screen.rstrip().endswith(b':'):
        if not read():
            break
    os.write(fd, answer.encode() + b'\\r')
    screen += b'<answered>'
while read():
    pass
_, status = os.waitpid(pid, 0)
sys.stdout.write(json.dumps({'code': os.waitstatus_to_exitcode(status), 'screen': screen.decode('utf8', 'replace')}))
`;
  return new Promise((resolve, reject) => {
    execFile(
      'python3',
      ['-c', script, process.execPath, cliPath, JSON.stringify(answers), ...args],
      { timeout: 120_000 },
      (error, stdout) =>
        error
          ? reject(new Error(`python3 pty driver failed: ${error.message}`, { cause: error }))
          : resolve(JSON.parse(stdout) as { code: number; screen: string }),
    );
  });
}

describe('security: fixtures --password-prompt asks at the terminal without echoing', function () {
  this.timeout(180_000);
  let work: string;
  before(async () => {
    await testFixtures();
    work = await mkdtemp(join(tmpdir(), 'mtlsc-prompt-'));
  });
  after(() => rm(work, { recursive: true, force: true }));

  it('takes the passphrase typed twice, never shows it, and the keystores open with it', async () => {
    const out = join(work, 'pki');
    await cp(testFixturesDir, out, { recursive: true });
    await rm(join(out, 'passphrase.txt'), { force: true });
    const secret = 'typed-Secret-4711';
    const { code, screen } = await runOnTerminal(
      ['fixtures', '--out', out, '--password-prompt'],
      [secret, secret],
    );
    expect(code, screen).to.equal(0);
    expect(screen).to.include('Keystore passphrase: ');
    expect(screen).to.include('Again: ');
    expect(screen).not.to.include(secret);
    expect(screen).to.include('Keystore passphrase: typed at the prompt');
    const identity = await loadIdentity({ p12File: join(out, 'tpp1.p12'), passphrase: secret });
    expect(identity.certificate.subject).to.include('tpp1');
  });

  it('two different answers: exit 2, one line, nothing rewritten', async () => {
    const out = join(work, 'pki');
    const { code, screen } = await runOnTerminal(
      ['fixtures', '--out', out, '--password-prompt'],
      ['one-1234', 'two-1234'],
    );
    expect(code, screen).to.equal(2);
    expect(screen).to.include(
      'mtls-conformance: --password-prompt: the two passphrases differ. Run again and type the same one twice.',
    );
    expect(screen).not.to.match(/one-1234|two-1234/);
    // Still the passphrase of the first test.
    await loadIdentity({ p12File: join(out, 'tpp1.p12'), passphrase: 'typed-Secret-4711' });
  });

  it('without a terminal (CI, a pipe): exit 2 with one line that names the alternatives', async () => {
    const result = await runCliProcess(['fixtures', '--out', join(work, 'never'), '--password-prompt']);
    expect(result.code).to.equal(2);
    expect(result.stderr).to.equal(
      'mtls-conformance: --password-prompt: standard input is not a terminal, so there is no one to ask. In scripts and CI give the passphrase with --password-env or --password-file.\n',
    );
  });
});
