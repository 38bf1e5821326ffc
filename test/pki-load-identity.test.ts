import { execFile } from 'node:child_process';
import { createSecureContext } from 'node:tls';
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { expect } from 'chai';
import type { FixtureSet } from '../harness/pki/fixture-set.ts';
import { isKeystoreError, type KeystoreFailure } from '../harness/pki/keystore-error.ts';
import { loadIdentity, type IdentitySource } from '../harness/pki/load-identity.ts';
import { describeReadFailure } from '../harness/pki/read-input-file.ts';
import { testFixtures, testPassphrase } from './support/fixtures.ts';
import { requireTool } from './support/require-tool.ts';

const run = promisify(execFile);
const dir = fileURLToPath(new URL('../.tmp/pki-load-identity-test', import.meta.url));
const file = (name: string) => join(dir, name);

describe('loadIdentity', () => {
  let set: FixtureSet;

  before(async () => {
    set = await testFixtures();
    await rm(dir, { recursive: true, force: true });
    await mkdir(join(dir, 'a-folder.crt'), { recursive: true });
    const tpp1Crt = await readFile(set.path('tpp1', 'crt'), 'utf8');
    const tpp1Key = await readFile(set.path('tpp1', 'key'), 'utf8');
    const p12 = await readFile(set.path('tpp1', 'p12'));
    await Promise.all([
      writeFile(file('empty.crt'), ''),
      // An ELF header, then junk: a binary picked by mistake.
      writeFile(file('junk.crt'), Buffer.from('7f454c460201010000000000000000000300', 'hex')),
      writeFile(file('notes.crt'), 'hello, this is not a certificate\n'),
      writeFile(file('truncated.crt'), tpp1Crt.slice(0, 400)),
      writeFile(
        file('damaged.crt'),
        tpp1Crt.replace(/(-----BEGIN CERTIFICATE-----\n)[A-Za-z0-9+/]{20}/, '$1AAAAAAAAAAAAAAAAAAAA'),
      ),
      writeFile(file('truncated.key'), tpp1Key.slice(0, 300)),
      writeFile(file('combined.pem'), tpp1Crt + tpp1Key),
      writeFile(file('junk.p12'), Buffer.from('not a keystore, just text with no PEM\n')),
      writeFile(file('truncated.p12'), p12.subarray(0, 1000)),
    ]);
    const openssl = (...args: string[]) => run('openssl', args);
    await Promise.all([
      openssl(
        'req',
        '-new',
        '-key',
        set.path('tpp1', 'key'),
        '-subj',
        '/CN=tpp1.demo.axway.com',
        '-out',
        file('tpp1.csr'),
      ),
      openssl('x509', '-in', set.path('tpp1', 'crt'), '-outform', 'DER', '-out', file('tpp1.der')),
      openssl(
        'pkey',
        '-in',
        set.path('tpp1', 'key'),
        '-aes256',
        '-passout',
        'pass:secret',
        '-out',
        file('encrypted.key'),
      ),
      openssl(
        'rsa',
        '-in',
        set.path('tpp1', 'key'),
        '-aes256',
        '-traditional',
        '-passout',
        'pass:secret',
        '-out',
        file('traditional.key'),
      ),
      openssl(
        'pkcs12',
        '-export',
        '-nokeys',
        '-in',
        set.path('tpp1', 'crt'),
        '-passout',
        'pass:x',
        '-out',
        file('certs-only.p12'),
      ),
      // OpenSSL 3's own default: PBES2/AES-256-CBC, HMAC-SHA256 MAC.
      openssl(
        'pkcs12',
        '-export',
        '-in',
        set.path('tpp1', 'crt'),
        '-inkey',
        set.path('tpp1', 'key'),
        '-passout',
        'pass:modern',
        '-out',
        file('openssl.p12'),
      ),
      // What old Java and Windows export: certificates under RC2-40, key under 3DES.
      openssl(
        'pkcs12',
        '-export',
        '-legacy',
        '-in',
        set.path('tpp1', 'crt'),
        '-inkey',
        set.path('tpp1', 'key'),
        '-passout',
        'pass:old',
        '-out',
        file('old.p12'),
      ),
    ]);
  });

  describe('accepts', () => {
    it('a PEM certificate and key, and gives the key back as PKCS#8', async () => {
      const identity = await loadIdentity({
        certFile: set.path('tpp1', 'crt'),
        keyFile: set.path('tpp1', 'key'),
      });
      expect(identity.label).to.equal(set.path('tpp1', 'crt'));
      expect(identity.certificate.subject).to.include('CN=tpp1.demo.axway.com');
      expect(identity.privateKeyPem).to.equal(await readFile(set.path('tpp1', 'key'), 'utf8'));
      expect(identity.chainPems).to.deep.equal([]);
      expect(identity.warnings).to.deep.equal([]);
    });

    it('a PEM file with the chain after the leaf, and a chain file that repeats the leaf', async () => {
      const key = set.path('intermediate-leaf', 'key');
      const chain = set.path('intermediate-leaf', 'chain');
      const inOne = await loadIdentity({ certFile: chain, keyFile: key });
      expect(inOne.chainPems).to.deep.equal([set.certificatePem('intermediate-ca')]);
      const apart = await loadIdentity({
        certFile: set.path('intermediate-leaf', 'crt'),
        keyFile: key,
        chainFile: chain,
      });
      expect(apart.chainPems).to.deep.equal([set.certificatePem('intermediate-ca')]);
    });

    it('a combined PEM (certificate and key in one file) and a DER certificate', async () => {
      const combined = await loadIdentity({ certFile: file('combined.pem'), keyFile: file('combined.pem') });
      expect(combined.certificatePem).to.equal(set.certificatePem('tpp1'));
      const der = await loadIdentity({ certFile: file('tpp1.der'), keyFile: set.path('tpp1', 'key') });
      expect(der.certificatePem).to.equal(set.certificatePem('tpp1'));
    });

    it('a fixture .p12, with the intermediate as its chain', async () => {
      const identity = await loadIdentity({
        p12File: set.path('intermediate-leaf', 'p12'),
        passphrase: testPassphrase,
      });
      expect(identity.certificatePem).to.equal(set.certificatePem('intermediate-leaf'));
      expect(identity.chainPems).to.deep.equal([set.certificatePem('intermediate-ca')]);
      expect(identity.privateKeyPem).to.equal(set.identity('intermediate-leaf').privateKeyPem);
    });

    it('a .p12 made by openssl pkcs12 -export (AES-256, SHA-256 MAC)', async () => {
      const identity = await loadIdentity({ p12File: file('openssl.p12'), passphrase: 'modern' });
      expect(identity.certificatePem).to.equal(set.certificatePem('tpp1'));
      expect(identity.warnings).to.deep.equal([]);
    });
  });

  describe('a legacy RC2-40 keystore (old Java and Windows exports)', () => {
    it('is refused by OpenSSL 3 and by Node without the legacy provider', async () => {
      const refused = await run('openssl', [
        'pkcs12',
        '-in',
        file('old.p12'),
        '-passin',
        'pass:old',
        '-noout',
      ]).catch((error: { stderr: string }) => error);
      expect(refused.stderr).to.match(/unsupported[\s\S]*RC2-40-CBC/);
      const pfx = await readFile(file('old.p12'));
      expect(() => createSecureContext({ pfx, passphrase: 'old' })).to.throw();
    });

    it('is loaded through node-forge, with a warning that says so and how to convert it', async () => {
      const identity = await loadIdentity({ p12File: file('old.p12'), passphrase: 'old' });
      expect(identity.certificatePem).to.equal(set.certificatePem('tpp1'));
      expect(identity.warnings).to.deep.equal([
        `${file('old.p12')}: this keystore uses legacy PKCS#12 encryption (pbeWithSHAAnd40BitRC2-CBC) that OpenSSL 3 refuses ` +
          `(curl, nginx, Node's pfx option); the harness read it with node-forge. To use it elsewhere, convert it: ` +
          `openssl pkcs12 -legacy -in ${file('old.p12')} -out old.pem && openssl pkcs12 -export -in old.pem -out new.p12 && rm old.pem.`,
      ]);
    });

    it('the conversion in the warning makes a keystore OpenSSL 3 opens (passwords given as the prompts would)', async () => {
      // The warning's commands, with -passin/-passout where openssl would prompt. Run in the scratch
      // folder because they name old.pem and new.p12 relative to it.
      const script =
        'openssl pkcs12 -legacy -in old.p12 -passin pass:old -passout pass:pem -out old.pem && ' +
        'openssl pkcs12 -export -in old.pem -passin pass:pem -out new.p12 -passout pass:new && rm old.pem';
      await run('sh', ['-c', script], { cwd: dir });
      await run('openssl', ['pkcs12', '-in', file('new.p12'), '-passin', 'pass:new', '-noout']);
      expect((await loadIdentity({ p12File: file('new.p12'), passphrase: 'new' })).warnings).to.deep.equal(
        [],
      );
    });

    it('a pipe instead does not work with OpenSSL 3.0 (pkcs12 -export reads its input twice)', async () => {
      const piped =
        'openssl pkcs12 -legacy -in old.p12 -nodes -passin pass:old | openssl pkcs12 -export -out piped.p12 -passout pass:x';
      const error = await run('sh', ['-c', piped], { cwd: dir }).catch(
        (caught: { stderr: string }) => caught,
      );
      expect((error as { stderr?: string }).stderr).to.include('Could not read any certificates');
    });
  });

  describe('keystores made by Java keytool', () => {
    const keytool = (target: string, ...javaOptions: string[]) =>
      run('keytool', [
        ...javaOptions,
        '-importkeystore',
        '-srckeystore',
        set.path('tpp1', 'p12'),
        '-srcstoretype',
        'PKCS12',
        '-srcstorepass',
        testPassphrase,
        '-destkeystore',
        target,
        '-deststoretype',
        'PKCS12',
        '-deststorepass',
        'javapass',
      ]);

    before(async function () {
      const found = await run('sh', ['-c', 'command -v keytool']).then(
        () => true,
        () => false,
      );
      requireTool(this, found, 'keytool', 'apt-get install default-jdk-headless');
    });

    it('loads what Java 17 writes (AES-256, HMAC-SHA256 MAC)', async () => {
      await keytool(file('java17.p12'));
      const identity = await loadIdentity({ p12File: file('java17.p12'), passphrase: 'javapass' });
      expect(identity.certificatePem).to.equal(set.certificatePem('tpp1'));
      expect(identity.warnings).to.deep.equal([]);
    });

    it('loads what Java before 8u301 wrote (keystore.pkcs12.legacy: RC2-40 certificates), with the warning', async () => {
      await keytool(file('java-legacy.p12'), '-J-Dkeystore.pkcs12.legacy');
      const identity = await loadIdentity({ p12File: file('java-legacy.p12'), passphrase: 'javapass' });
      expect(identity.certificatePem).to.equal(set.certificatePem('tpp1'));
      expect(identity.warnings[0]).to.include('legacy PKCS#12 encryption (pbeWithSHAAnd40BitRC2-CBC)');
      const wrong = await loadIdentity({ p12File: file('java-legacy.p12'), passphrase: 'nope' }).catch(
        (error: unknown) => error,
      );
      expect(isKeystoreError(wrong, 'wrong-password')).to.be.true;
    });
  });

  describe('refuses, in one line', () => {
    const cases: {
      title: string;
      source: () => IdentitySource;
      failure: KeystoreFailure;
      message: () => string;
    }[] = [
      {
        title: 'a wrong PKCS#12 password',
        source: () => ({ p12File: set.path('tpp1', 'p12'), passphrase: 'wrong' }),
        failure: 'wrong-password',
        message: () =>
          `${set.path('tpp1', 'p12')}: the password does not open this keystore (PKCS#12 MAC check failed). Check the passphrase.`,
      },
      {
        title: 'a wrong PKCS#12 password, naming where it came from',
        source: () => ({
          p12File: file('openssl.p12'),
          passphrase: 'wrong',
          passphraseSource: '--passphrase-env TPP1_PASS',
        }),
        failure: 'wrong-password',
        message: () =>
          `${file('openssl.p12')}: the password does not open this keystore (PKCS#12 MAC check failed). Check the passphrase (--passphrase-env TPP1_PASS).`,
      },
      {
        title: 'a PEM file given as a keystore',
        source: () => ({ p12File: set.path('tpp1', 'crt'), passphrase: 'x' }),
        failure: 'not-pkcs12',
        message: () =>
          `${set.path('tpp1', 'crt')}: is PEM text, not a PKCS#12 keystore (-----BEGIN CERTIFICATE-----). Load it as certFile and keyFile, or convert it: openssl pkcs12 -export -in cert.pem -inkey key.pem -out keystore.p12.`,
      },
      {
        title: 'a keystore that is not PKCS#12',
        source: () => ({ p12File: file('junk.p12'), passphrase: 'x' }),
        failure: 'not-pkcs12',
        message: () =>
          `${file('junk.p12')}: not a PKCS#12 keystore (starts with "not a keystore, "). Give the .p12/.pfx file as exported, in full.`,
      },
      {
        title: 'a truncated keystore',
        source: () => ({ p12File: file('truncated.p12'), passphrase: testPassphrase }),
        failure: 'not-pkcs12',
        message: () =>
          `${file('truncated.p12')}: the keystore is cut short (1000 bytes). Give the .p12/.pfx file as exported, in full.`,
      },
      {
        title: 'a keystore without a private key',
        source: () => ({ p12File: file('certs-only.p12'), passphrase: 'x' }),
        failure: 'incomplete-pkcs12',
        message: () =>
          `${file('certs-only.p12')}: the keystore holds no private key (1 certificate(s) only). Export it again with its private key.`,
      },
      {
        title: 'a missing file',
        source: () => ({ certFile: file('nope.crt'), keyFile: set.path('tpp1', 'key') }),
        failure: 'unreadable',
        message: () => `${file('nope.crt')}: no such file (ENOENT). Check the path.`,
      },
      {
        title: 'a folder (what an unreadable path looks like to a root user)',
        source: () => ({ certFile: file('a-folder.crt'), keyFile: set.path('tpp1', 'key') }),
        failure: 'unreadable',
        message: () =>
          `${file('a-folder.crt')}: is a folder, not a file (EISDIR). Give the path of the file inside it.`,
      },
      {
        title: 'an empty file',
        source: () => ({ certFile: file('empty.crt'), keyFile: set.path('tpp1', 'key') }),
        failure: 'empty',
        message: () =>
          `${file('empty.crt')}: the file is empty (0 bytes). Give the file that holds the certificate.`,
      },
      {
        title: 'binary junk',
        source: () => ({ certFile: file('junk.crt'), keyFile: set.path('tpp1', 'key') }),
        failure: 'not-pem',
        message: () =>
          `${file('junk.crt')}: not a PEM or DER certificate (starts with bytes 7f454c4602010100). Give a file that starts with "-----BEGIN CERTIFICATE-----".`,
      },
      {
        title: 'text that is not a certificate',
        source: () => ({ certFile: file('notes.crt'), keyFile: set.path('tpp1', 'key') }),
        failure: 'not-pem',
        message: () =>
          `${file('notes.crt')}: not a PEM or DER certificate (starts with "hello, this is n"). Give a file that starts with "-----BEGIN CERTIFICATE-----".`,
      },
      {
        title: 'a key file given as the certificate',
        source: () => ({ certFile: set.path('tpp1', 'key'), keyFile: set.path('tpp1', 'key') }),
        failure: 'wrong-pem-type',
        message: () =>
          `${set.path('tpp1', 'key')}: holds a PRIVATE KEY, not a certificate (-----BEGIN PRIVATE KEY-----). Give it as the key file, and the certificate (.crt) as the certificate file.`,
      },
      {
        title: 'a CSR given as the certificate',
        source: () => ({ certFile: file('tpp1.csr'), keyFile: set.path('tpp1', 'key') }),
        failure: 'wrong-pem-type',
        message: () =>
          `${file('tpp1.csr')}: holds a CERTIFICATE REQUEST, not a certificate (-----BEGIN CERTIFICATE REQUEST-----). A certificate request (CSR) must be signed by a CA first: give the certificate the CA returned.`,
      },
      {
        title: 'a truncated certificate',
        source: () => ({ certFile: file('truncated.crt'), keyFile: set.path('tpp1', 'key') }),
        failure: 'truncated',
        message: () =>
          `${file('truncated.crt')}: the file is cut short (-----BEGIN CERTIFICATE----- has no END line). Copy it again in full.`,
      },
      {
        title: 'a damaged certificate',
        source: () => ({ certFile: file('damaged.crt'), keyFile: set.path('tpp1', 'key') }),
        failure: 'damaged',
        message: () =>
          `${file('damaged.crt')}: the certificate does not parse (error:068000A8:asn1 encoding routines::wrong tag). The file is damaged: copy or export it again.`,
      },
      {
        title: 'a certificate given as the key',
        source: () => ({ certFile: set.path('tpp1', 'crt'), keyFile: set.path('tpp1', 'crt') }),
        failure: 'wrong-pem-type',
        message: () =>
          `${set.path('tpp1', 'crt')}: holds a CERTIFICATE, not a private key (-----BEGIN CERTIFICATE-----). Give the private key file (.key) as the key, and this file as the certificate.`,
      },
      {
        title: 'an encrypted PKCS#8 key',
        source: () => ({ certFile: set.path('tpp1', 'crt'), keyFile: file('encrypted.key') }),
        failure: 'encrypted-key',
        message: () =>
          `${file('encrypted.key')}: the private key is encrypted (-----BEGIN ENCRYPTED PRIVATE KEY-----). Decrypt it first: openssl pkey -in ${file('encrypted.key')} -out plain.key.`,
      },
      {
        title: 'an encrypted traditional (PKCS#1) key',
        source: () => ({ certFile: set.path('tpp1', 'crt'), keyFile: file('traditional.key') }),
        failure: 'encrypted-key',
        message: () =>
          `${file('traditional.key')}: the private key is encrypted (Proc-Type: 4,ENCRYPTED). Decrypt it first: openssl pkey -in ${file('traditional.key')} -out plain.key.`,
      },
      {
        title: 'a truncated key',
        source: () => ({ certFile: set.path('tpp1', 'crt'), keyFile: file('truncated.key') }),
        failure: 'truncated',
        message: () =>
          `${file('truncated.key')}: the file is cut short (-----BEGIN PRIVATE KEY----- has no END line). Copy it again in full.`,
      },
      {
        title: 'a key that does not match the certificate',
        source: () => ({ certFile: set.path('tpp1', 'crt'), keyFile: set.path('tpp2', 'key') }),
        failure: 'key-mismatch',
        message: () =>
          `${set.path('tpp2', 'key')}: this key does not belong to the certificate in ${set.path('tpp1', 'crt')} (certificate CN=tpp1.demo.axway.com). Give the key that was generated with that certificate.`,
      },
    ];

    for (const { title, source, failure, message } of cases) {
      it(title, async () => {
        const error = await loadIdentity(source()).then(
          () => undefined,
          (caught: unknown) => caught,
        );
        expect(isKeystoreError(error), String(error)).to.be.true;
        expect((error as Error).message).to.equal(message());
        expect((error as { failure: string }).failure).to.equal(failure);
      });
    }

    it('an unreadable file (EACCES cannot be simulated as root: the message is built from the errno)', () => {
      const error = Object.assign(new Error('permission denied'), { code: 'EACCES' });
      expect(describeReadFailure('/etc/pki/tpp1.key', error).message).to.equal(
        '/etc/pki/tpp1.key: permission denied (EACCES). Check its permissions (ls -l), or run as the user that owns it.',
      );
    });
  });
});
