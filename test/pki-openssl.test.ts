import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { expect } from 'chai';
import type { FixtureSet } from '../harness/pki/fixture-set.ts';
import { generateFixtureSet } from '../harness/pki/generate-fixture-set.ts';
import { openFixtureSet } from '../harness/pki/open-fixture-set.ts';
import { testFixtures, testPassphrase } from './support/fixtures.ts';
import { requireTool } from './support/require-tool.ts';

const run = promisify(execFile);

/** Runs a tool and returns its exit code and output, without throwing on a non-zero exit. */
async function tool(command: string, args: string[]): Promise<{ code: number; output: string }> {
  try {
    const { stdout, stderr } = await run(command, args);
    return { code: 0, output: stdout + stderr };
  } catch (error) {
    const failed = error as { code?: number | string; stdout?: string; stderr?: string };
    if (failed.code === 'ENOENT') throw new Error(`${command} is not installed`);
    return { code: Number(failed.code), output: `${failed.stdout ?? ''}${failed.stderr ?? ''}` };
  }
}

async function commandExists(command: string): Promise<boolean> {
  return (await tool('sh', ['-c', `command -v ${command}`])).code === 0;
}

describe('fixtures, judged by openssl', () => {
  let set: FixtureSet;
  before(async () => {
    set = await testFixtures();
  });

  const verify = (caFile: string, name: string, extra: string[] = []) =>
    tool('openssl', ['verify', '-CAfile', caFile, ...extra, set.path(name, 'crt')]);

  it('openssl verify -CAfile ca1.crt accepts tpp1 and refuses tpp2 (same issuer name, other key)', async () => {
    expect(await verify(set.path('ca1', 'crt'), 'tpp1')).to.deep.include({ code: 0 });
    const tpp2 = await verify(set.path('ca1', 'crt'), 'tpp2');
    expect(tpp2.code).to.not.equal(0);
    expect(tpp2.output).to.include('unable to get local issuer certificate');
  });

  it('openssl verify with trust/ca1+ca2.pem accepts both tpp1 and tpp2', async () => {
    const bundle = `${set.dir}/trust/ca1+ca2.pem`;
    expect(await verify(bundle, 'tpp1')).to.deep.include({ code: 0 });
    expect(await verify(bundle, 'tpp2')).to.deep.include({ code: 0 });
  });

  it('openssl verify says expired and not yet valid', async () => {
    const expired = await verify(set.path('ca1', 'crt'), 'expired');
    expect(expired.code).to.not.equal(0);
    expect(expired.output).to.include('certificate has expired');
    const notYet = await verify(set.path('ca1', 'crt'), 'not-yet-valid');
    expect(notYet.code).to.not.equal(0);
    expect(notYet.output).to.include('certificate is not yet valid');
  });

  it('openssl verify refuses self-signed, rogue and (with -purpose sslclient) wrong-eku', async () => {
    expect((await verify(set.path('ca1', 'crt'), 'self-signed')).output).to.include(
      'self-signed certificate',
    );
    expect((await verify(set.path('ca1', 'crt'), 'rogue')).code).to.not.equal(0);
    const eku = await verify(set.path('ca1', 'crt'), 'wrong-eku', ['-purpose', 'sslclient']);
    expect(eku.output).to.include('unsuitable certificate purpose');
    expect(await verify(set.path('ca1', 'crt'), 'tpp1', ['-purpose', 'sslclient'])).to.deep.include({
      code: 0,
    });
    expect(await verify(set.path('ca1', 'crt'), 'server', ['-purpose', 'sslserver'])).to.deep.include({
      code: 0,
    });
  });

  it('intermediate-leaf verifies with its chain file as -untrusted, and not without it', async () => {
    const withChain = await verify(set.path('ca1', 'crt'), 'intermediate-leaf', [
      '-untrusted',
      set.path('intermediate-leaf', 'chain'),
    ]);
    expect(withChain.code).to.equal(0);
    expect((await verify(set.path('ca1', 'crt'), 'intermediate-leaf')).code).to.not.equal(0);
  });

  it('every certificate has a subject key identifier, and an authority key identifier that is its issuer’s', async () => {
    const keyIds = async (name: string) => {
      const { output } = await tool('openssl', [
        'x509',
        '-in',
        set.path(name, 'crt'),
        '-noout',
        '-ext',
        'subjectKeyIdentifier,authorityKeyIdentifier',
      ]);
      const ids = output.match(/(?:[0-9A-F]{2}:){19}[0-9A-F]{2}/g) ?? [];
      return { subject: ids[0], authority: ids[1] };
    };
    for (const name of set.names()) {
      const ids = await keyIds(name);
      expect(ids.subject, `${name} subjectKeyIdentifier`).to.be.a('string');
      const issuer = await keyIds(set.issuerOf(name) ?? name);
      expect(ids.authority, `${name} authorityKeyIdentifier`).to.equal(issuer.subject);
    }
  });

  it('intermediate-ca is a CA with pathlen 0; server carries localhost and 127.0.0.1', async () => {
    const ca = await tool('openssl', [
      'x509',
      '-in',
      set.path('intermediate-ca', 'crt'),
      '-noout',
      '-ext',
      'basicConstraints',
    ]);
    expect(ca.output).to.include('CA:TRUE, pathlen:0');
    const server = await tool('openssl', [
      'x509',
      '-in',
      set.path('server', 'crt'),
      '-noout',
      '-ext',
      'subjectAltName,extendedKeyUsage',
    ]);
    expect(server.output).to.include('DNS:localhost, IP Address:127.0.0.1');
    expect(server.output).to.include('TLS Web Server Authentication');
  });

  it('openssl pkcs12 opens tpp1.p12 with the passphrase, and a wrong one does not', async () => {
    const opened = await tool('openssl', [
      'pkcs12',
      '-in',
      set.path('tpp1', 'p12'),
      '-passin',
      `pass:${testPassphrase}`,
      '-nodes',
    ]);
    expect(opened.code).to.equal(0);
    expect(opened.output).to.include('-----BEGIN PRIVATE KEY-----');
    expect(opened.output).to.include('subject=businessCategory = Third Party Provider 1');
    const wrong = await tool('openssl', [
      'pkcs12',
      '-in',
      set.path('tpp1', 'p12'),
      '-passin',
      'pass:wrong',
      '-noout',
    ]);
    expect(wrong.code).to.not.equal(0);
    expect(wrong.output).to.include('Mac verify error: invalid password?');
  });

  it('keytool -list opens tpp1.p12 (Java), with its alias', async function () {
    requireTool(this, await commandExists('keytool'), 'keytool', 'apt-get install default-jdk-headless');
    const listed = await tool('keytool', [
      '-list',
      '-storetype',
      'PKCS12',
      '-keystore',
      set.path('tpp1', 'p12'),
      '-storepass',
      testPassphrase,
    ]);
    expect(listed.code, listed.output).to.equal(0);
    expect(listed.output).to.include('Your keystore contains 1 entry');
    expect(listed.output).to.match(/^tpp1, .*PrivateKeyEntry/m);
    const wrong = await tool('keytool', [
      '-list',
      '-storetype',
      'PKCS12',
      '-keystore',
      set.path('tpp1', 'p12'),
      '-storepass',
      'wrong-pass',
    ]);
    expect(wrong.code).to.not.equal(0);
  });
});

describe('legacy (3DES) keystores, judged by openssl and keytool', () => {
  let legacy: FixtureSet;
  before(async () => {
    const report = await generateFixtureSet({
      outDir: new URL('../.tmp/pki-openssl-legacy', import.meta.url).pathname,
      passphrase: testPassphrase,
      legacyP12: true,
    });
    legacy = await openFixtureSet(report.dir);
  });

  it('are 3DES, open in openssl pkcs12 with the passphrase, and not with a wrong one', async () => {
    const info = await tool('openssl', [
      'pkcs12',
      '-in',
      legacy.path('tpp1', 'p12'),
      '-passin',
      `pass:${testPassphrase}`,
      '-info',
      '-noout',
    ]);
    expect(info.code, info.output).to.equal(0);
    expect(info.output).to.include('pbeWithSHA1And3-KeyTripleDES-CBC');
    const wrong = await tool('openssl', [
      'pkcs12',
      '-in',
      legacy.path('tpp1', 'p12'),
      '-passin',
      'pass:wrong',
      '-noout',
    ]);
    expect(wrong.code).to.not.equal(0);
  });

  it('open in keytool', async function () {
    requireTool(this, await commandExists('keytool'), 'keytool', 'apt-get install default-jdk-headless');
    const listed = await tool('keytool', [
      '-list',
      '-storetype',
      'PKCS12',
      '-keystore',
      legacy.path('tpp1', 'p12'),
      '-storepass',
      testPassphrase,
    ]);
    expect(listed.code, listed.output).to.equal(0);
  });
});
