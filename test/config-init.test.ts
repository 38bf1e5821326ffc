import { expect } from 'chai';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { schemaReference } from '../harness/cli/commands/init-command.ts';
import { runCli } from '../harness/cli/run-cli.ts';
import { loadConfig } from '../harness/config/load-config.ts';
import { starterConfigText } from '../harness/config/starter-config.ts';
import { collectStream } from './support/collect-stream.ts';

/** Runs the CLI and keeps what was written to stderr (the command's and run-cli's own). */
async function run(argv: string[]): Promise<{ code: number; stderr: string }> {
  let written = '';
  const original = process.stderr.write.bind(process.stderr);
  process.stderr.write = (chunk: string | Uint8Array) => {
    written += typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString('utf8');
    return true;
  };
  const cliErrors = collectStream();
  try {
    const code = await runCli(argv, cliErrors);
    return { code, stderr: written + cliErrors.text() };
  } finally {
    process.stderr.write = original;
  }
}

describe('mtls-conformance init', () => {
  let folder: string;
  beforeEach(() => {
    folder = mkdtempSync(join(tmpdir(), 'mtlsc-init-'));
  });
  afterEach(() => rmSync(folder, { recursive: true, force: true }));

  it('writes a commented starter config that loads cleanly', async () => {
    const out = join(folder, 'mtls-conformance.yaml');
    const { code, stderr } = await run(['init', '--out', out]);
    expect(code).to.equal(0);
    expect(stderr).to.equal(
      `Wrote ${out}: a starter config with one target. Set its url, trusts and serverCa, then run:\n` +
        `  mtls-conformance run --config ${out}\n`,
    );
    expect(readFileSync(out, 'utf8')).to.equal(starterConfigText(schemaReference(out)));
    const config = await loadConfig(out, {
      fixtureNames: ['ca1', 'ca2', 'intermediate-ca', 'rogue-ca'],
      env: {},
    });
    expect(config.targets.map((target) => [target.name, target.trusts])).to.deep.equal([
      ['gateway', ['ca1']],
    ]);
    expect(config.fixtures).to.equal(join(folder, 'fixtures'));
  });

  it('teaches every optional field in comments that load when uncommented', async () => {
    for (const name of ['partner.crt', 'partner.key']) writeFileSync(join(folder, name), 'placeholder');
    // Uncomments every commented `key: value` line (`# servername: ...`, `#   cert: ...`, `# - name: ...`),
    // leaving prose and the alternative p12 lines (`#   # p12: ...`) commented.
    const uncommented = starterConfigText().replace(/^( *)# ((?:- )?(?: {2})?[A-Za-z]+:(?: |$))/gm, '$1$2');
    const file = join(folder, 'uncommented.yaml');
    writeFileSync(file, uncommented);
    const config = await loadConfig(file, { env: {} });
    expect(config.targets.map((target) => target.provider)).to.deep.equal(['url', 'nginx']);
    expect(config.targets[0]?.scenarios.skip).to.deep.equal({
      'tls-1.3': 'gateway is TLS 1.2 only until Q3',
    });
    expect(config.targets[0]?.identity?.kind).to.equal('pem');
  });

  it('refuses to overwrite an existing file without --force, and replaces it with --force', async () => {
    const out = join(folder, 'mtls-conformance.yaml');
    writeFileSync(out, 'mine\n');
    const refused = await run(['init', '--out', out]);
    expect(refused.code).to.equal(2);
    expect(refused.stderr).to.equal(
      `mtls-conformance: Cannot write ${out}. The file exists; pass --force to overwrite it, or --out to write another file.\n`,
    );
    expect(readFileSync(out, 'utf8')).to.equal('mine\n');
    const forced = await run(['init', '--out', out, '--force']);
    expect(forced.code).to.equal(0);
    expect(readFileSync(out, 'utf8')).to.equal(starterConfigText(schemaReference(out)));
  });

  it('refuses a folder; creates the folder of a file that does not exist yet', async () => {
    mkdirSync(join(folder, 'configs'));
    const intoFolder = await run(['init', '--out', join(folder, 'configs')]);
    expect(intoFolder.code).to.equal(2);
    expect(intoFolder.stderr).to.include('It is a folder; name a file, e.g. --out');
    const nested = join(folder, 'ci', 'gateways', 'x.yaml');
    const created = await run(['init', '--out', nested]);
    expect(created.code, created.stderr).to.equal(0);
    expect(readFileSync(nested, 'utf8')).to.equal(starterConfigText(schemaReference(nested)));
    writeFileSync(join(folder, 'a-file'), '');
    const underFile = join(folder, 'a-file', 'x.yaml');
    const refused = await run(['init', '--out', underFile]);
    expect(refused.code).to.equal(2);
    expect(refused.stderr).to.match(
      new RegExp(
        `^mtls-conformance: Cannot write ${underFile}\\. A folder on its path, ${join(folder, 'a-file')}, is a file \\((ENOTDIR|EEXIST)\\); choose another --out\\.\n$`,
      ),
    );
  });

  it("writes a $schema path that exists from the config's folder, in a clone as in an install", () => {
    const clone = fileURLToPath(new URL('..', import.meta.url));
    for (const out of [join(folder, 'x.yaml'), join(folder, 'deep', 'er', 'x.yaml'), join(clone, 'x.yaml')]) {
      const reference = schemaReference(out);
      expect(existsSync(resolve(dirname(out), reference)), reference).to.equal(true);
      expect(reference).to.match(/^\.{1,2}\/.*schema\/mtls-conformance\.schema\.json$/);
    }
    // In this clone, a config at the root points into ./schema.
    expect(schemaReference(join(clone, 'mtls-conformance.yaml'))).to.equal(
      './schema/mtls-conformance.schema.json',
    );
  });
});
