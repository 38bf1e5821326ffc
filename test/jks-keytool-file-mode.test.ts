import { expect } from 'chai';
import { chmod, copyFile, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { findKeytool } from '../harness/pki/run-keytool.ts';
import { writeJavaKeystores } from '../harness/pki/write-java-keystores.ts';
import { testFixtures, testFixturesDir, testPassphrase } from './support/fixtures.ts';
import { requireTool } from './support/require-tool.ts';

/**
 * Issue 25: keytool created its temporary `NAME.jks.<pid>.tmp` with the process umask (0644 under the
 * usual 022) before the harness set it to 0600: a private key readable by others for as long as keytool
 * ran. A wrapper stands in for keytool here and records the mode of the store right after the real
 * keytool wrote it, before the harness's own chmod can hide the difference.
 */
describe('fixtures: keytool writes each Java keystore 0600 from its creation', function () {
  this.timeout(120_000);
  const keytool = findKeytool();
  let work: string;
  let umask: number;

  before(async function () {
    requireTool(this, keytool !== undefined, 'keytool', 'apt-get install default-jdk-headless');
    await testFixtures();
    work = await mkdtemp(join(tmpdir(), 'mtlsc-keytool-mode-'));
    // The usual umask, whatever this process was started with: 022 made the files 0644.
    umask = process.umask(0o022);
  });
  after(async () => {
    if (umask !== undefined) process.umask(umask);
    await rm(work, { recursive: true, force: true });
  });

  it('the temporary store of a keystore and of each truststore is 0600 when keytool leaves it', async () => {
    const set = await testFixtures();
    const dir = join(work, 'set');
    await mkdir(dir, { mode: 0o700 });
    for (const file of ['tpp1.p12', 'ca1.crt']) await copyFile(join(testFixturesDir, file), join(dir, file));
    const log = join(work, 'modes.log');
    const wrapper = join(work, 'keytool');
    await writeFile(
      wrapper,
      [
        '#!/bin/sh',
        `"${keytool!}" "$@"; code=$?`,
        'previous=',
        'for argument in "$@"; do',
        '  case "$previous" in -destkeystore|-keystore) [ -f "$argument" ] && stat -c "%a %n" "$argument" >> "$MODES_LOG";; esac',
        '  previous=$argument',
        'done',
        'exit $code',
        '',
      ].join('\n'),
    );
    await chmod(wrapper, 0o755);
    process.env.MODES_LOG = log;
    try {
      const tpp1 = set.manifest.identities.find((identity) => identity.name === 'tpp1')!;
      await writeJavaKeystores(
        dir,
        { ...set.manifest, identities: [tpp1], trustBundles: { ca1: set.manifest.trustBundles.ca1! } },
        testPassphrase,
        wrapper,
      );
    } finally {
      delete process.env.MODES_LOG;
    }
    const lines = (await readFile(log, 'utf8')).trim().split('\n');
    // tpp1.jks, and trust/ca1.jks and trust/ca1.p12 (one -importcert each: the bundle has one CA).
    expect(lines).to.have.lengthOf(3);
    for (const line of lines) expect(line, line).to.match(/^600 \S+\.(jks|p12)\.\d+\.tmp$/);
  });
});
