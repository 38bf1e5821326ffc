import { expect } from 'chai';
import fc from 'fast-check';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { stringify } from 'yaml';
import { HarnessError } from '../harness/common/harness-error.ts';
import { parseConfig } from '../harness/config/load-config.ts';
import { loadIdentity, type IdentitySource } from '../harness/pki/load-identity.ts';
import { testFixtures, testPassphrase } from './support/fixtures.ts';

/**
 * Property: whatever bytes the config loader or the keystore loader is given, it returns or throws the
 * project's own HarnessError (one line for the person at the terminal), never a TypeError, RangeError
 * or a parser's raw exception. Seeded, so a failure reproduces; bounded, so the suite stays fast.
 */

// Fixed for npm test; MTLSC_FUZZ_SEED and MTLSC_FUZZ_RUNS search further by hand.
const seed = Number(process.env.MTLSC_FUZZ_SEED ?? 20_240_607);
const runs = Number(process.env.MTLSC_FUZZ_RUNS ?? 200);

/** One change to a byte string: a bit flip, a cut, random bytes inserted or written over. */
type Mutation =
  | { kind: 'flip'; at: number; bit: number }
  | { kind: 'truncate'; at: number }
  | { kind: 'insert'; at: number; bytes: Uint8Array }
  | { kind: 'overwrite'; at: number; bytes: Uint8Array };

const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  fc.record({ kind: fc.constant('flip' as const), at: fc.nat(), bit: fc.integer({ min: 0, max: 7 }) }),
  fc.record({ kind: fc.constant('truncate' as const), at: fc.nat() }),
  fc.record({
    kind: fc.constant('insert' as const),
    at: fc.nat(),
    bytes: fc.uint8Array({ minLength: 1, maxLength: 16 }),
  }),
  fc.record({
    kind: fc.constant('overwrite' as const),
    at: fc.nat(),
    bytes: fc.uint8Array({ minLength: 1, maxLength: 16 }),
  }),
);

/** 1 to 4 mutations of `original`. Never the original itself unchanged only by chance of the draw. */
function mutated(original: Buffer): fc.Arbitrary<Buffer> {
  return fc.array(mutation, { minLength: 1, maxLength: 4 }).map((mutations) => {
    let data: Buffer = Buffer.from(original);
    for (const change of mutations) data = apply(data, change);
    return data;
  });
}

function apply(data: Buffer, change: Mutation): Buffer {
  if (data.length === 0) return change.kind === 'insert' ? Buffer.from(change.bytes) : data;
  const at = change.at % data.length;
  switch (change.kind) {
    case 'flip': {
      const copy = Buffer.from(data);
      copy[at] = copy[at]! ^ (1 << change.bit);
      return copy;
    }
    case 'truncate':
      return data.subarray(0, at);
    case 'insert':
      return Buffer.concat([data.subarray(0, at), change.bytes, data.subarray(at)]);
    case 'overwrite': {
      const copy = Buffer.from(data);
      copy.set(change.bytes.subarray(0, copy.length - at), at);
      return copy;
    }
  }
}

/** Passes for a result or a HarnessError; anything else thrown fails the property with its stack. */
function expectHarnessErrorOrResult(run: () => unknown): void {
  try {
    run();
  } catch (error) {
    if (!(error instanceof HarnessError)) throw asFailure(error);
  }
}

async function expectHarnessErrorOrResolved(run: () => Promise<unknown>): Promise<void> {
  try {
    await run();
  } catch (error) {
    if (!(error instanceof HarnessError)) throw asFailure(error);
  }
}

function asFailure(error: unknown): Error {
  const name = error instanceof Error ? error.constructor.name : typeof error;
  return new Error(`threw ${name}, not a HarnessError: ${String(error)}`, { cause: error });
}

const validConfig = `# a config as mtls-conformance init would write it
fixtures: ./fixtures
reportDir: reports
concurrency: 8
timeouts: { connectMs: 5000, handshakeMs: 5000, responseMs: 10000 }
targets:
  - name: gateway
    url: https://127.0.0.1:8443/healthcheck
    trusts: [ca1]
    serverCa: ca1
    rejectAt: handshake
    tlsVersions: [TLSv1.2, TLSv1.3]
    scenarios:
      skip: { tls-1.3: "TLS 1.2 only until Q3" }
      expect: { second-ca-client: { expected: rejected, reason: "ca2 retired" } }
  - name: demo
    provider: mock
    trusts: [ca1, ca2]
    mock: { clientAuth: require, refusal: http }
`;

describe('fuzz: the config loader ends in a HarnessError or a config, whatever it is given', function () {
  this.timeout(60_000);
  const options = { file: 'fuzz.yaml', baseDir: tmpdir(), fixtureNames: ['ca1', 'ca2'], env: {} };
  // A process warning is a line on the user's stderr outside the one-line error: none may be emitted.
  const warnings: Error[] = [];
  const onWarning = (warning: Error): void => void warnings.push(warning);
  before(() => process.on('warning', onWarning));
  after(() => process.off('warning', onWarning));
  afterEach(async () => {
    await new Promise((resolve) => setImmediate(resolve));
    expect(warnings.map((warning) => warning.message)).to.deep.equal([]);
  });

  it('the valid config loads (so the mutations below start from something that works)', () => {
    expect(parseConfig(validConfig, options).targets).to.have.lengthOf(2);
  });

  it(`${runs} mutations of a valid YAML config (bit flips, cuts, random bytes)`, () => {
    fc.assert(
      fc.property(mutated(Buffer.from(validConfig)), (bytes) =>
        expectHarnessErrorOrResult(() => parseConfig(bytes.toString('utf8'), options)),
      ),
      { seed, numRuns: runs },
    );
  });

  it(`${runs} random texts`, () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 400 }), (text) =>
        expectHarnessErrorOrResult(() => parseConfig(text, options)),
      ),
      { seed, numRuns: runs },
    );
  });

  it(`${runs} random YAML documents, and random values in a config's fields`, () => {
    const field = fc.constantFrom(
      'fixtures',
      'reportDir',
      'concurrency',
      'timeouts',
      'name',
      'url',
      'provider',
      'suite',
      'trusts',
      'serverCa',
      'servername',
      'rejectAt',
      'tlsVersions',
      'identity',
      'scenarios',
      'mock',
      'nginx',
      'openssl',
      'container',
    );
    const document = fc.oneof(
      fc.anything(),
      fc.record({ targets: fc.array(fc.dictionary(field, fc.anything(), { maxKeys: 6 }), { maxLength: 3 }) }),
      fc.dictionary(field, fc.anything(), { maxKeys: 6 }).map((target) => ({
        targets: [{ name: 'gw', url: 'https://127.0.0.1:1/', trusts: ['ca1'], ...target }],
      })),
    );
    fc.assert(
      fc.property(document, (value) => {
        // stringify(undefined) gives undefined, not text: an empty file then.
        const text = (stringify(value, { aliasDuplicateObjects: false }) as string | undefined) ?? '';
        expectHarnessErrorOrResult(() => parseConfig(text, options));
      }),
      { seed, numRuns: runs },
    );
  });
});

describe('fuzz: the identity loader ends in a HarnessError or an identity, whatever the files hold', function () {
  this.timeout(180_000);
  let work: string;
  let certPem: Buffer;
  let keyPem: Buffer;
  let p12: Buffer;

  before(async () => {
    const fixtures = await testFixtures();
    work = await mkdtemp(join(tmpdir(), 'mtlsc-fuzz-'));
    certPem = await readFile(fixtures.path('tpp1', 'crt'));
    keyPem = await readFile(fixtures.path('tpp1', 'key'));
    p12 = await readFile(fixtures.path('tpp1', 'p12'));
  });
  after(() => rm(work, { recursive: true, force: true }));

  let counter = 0;
  async function load(
    files: Record<string, Buffer>,
    source: (paths: Record<string, string>) => IdentitySource,
  ) {
    counter += 1;
    const paths: Record<string, string> = {};
    for (const [name, data] of Object.entries(files)) {
      paths[name] = join(work, `${counter}-${name}`);
      await writeFile(paths[name], data);
    }
    await expectHarnessErrorOrResolved(() => loadIdentity(source(paths)));
  }

  /** The DER inside a PEM, mutated, wrapped again: valid base64, so the mutation reaches the DER parser. */
  function mutatedDerInPem(pem: Buffer): fc.Arbitrary<Buffer> {
    const text = pem.toString('utf8');
    const label = /-----BEGIN ([A-Z ]+)-----/.exec(text)![1]!;
    const der = Buffer.from(text.replace(/-----[^-]+-----/g, '').replace(/\s+/g, ''), 'base64');
    return mutated(der).map((bytes) => {
      const body = bytes.toString('base64').replace(/.{1,64}/g, '$&\n');
      return Buffer.from(`-----BEGIN ${label}-----\n${body}-----END ${label}-----\n`);
    });
  }

  it('the unmutated inputs load (so the mutations below start from something that works)', async () => {
    const pemIdentity = await loadIdentity({
      certFile: await path('c.crt', certPem),
      keyFile: await path('c.key', keyPem),
    });
    expect(pemIdentity.certificate.subject).to.include('tpp1');
    const p12Identity = await loadIdentity({ p12File: await path('c.p12', p12), passphrase: testPassphrase });
    expect(p12Identity.certificate.subject).to.include('tpp1');
  });

  async function path(name: string, data: Buffer): Promise<string> {
    const file = join(work, name);
    await writeFile(file, data);
    return file;
  }

  it(`${runs} mutated PEM certificates (text and DER)`, async () => {
    await fc.assert(
      fc.asyncProperty(fc.oneof(mutated(certPem), mutatedDerInPem(certPem)), (cert) =>
        load({ 'cert.pem': cert, 'key.pem': keyPem }, (p) => ({
          certFile: p['cert.pem']!,
          keyFile: p['key.pem']!,
        })),
      ),
      { seed, numRuns: runs },
    );
  });

  it(`${runs} mutated PEM private keys (text and DER)`, async () => {
    await fc.assert(
      fc.asyncProperty(fc.oneof(mutated(keyPem), mutatedDerInPem(keyPem)), (key) =>
        load({ 'cert.pem': certPem, 'key.pem': key }, (p) => ({
          certFile: p['cert.pem']!,
          keyFile: p['key.pem']!,
        })),
      ),
      { seed, numRuns: runs },
    );
  });

  it(`${runs} mutated PKCS#12 keystores, with the right password`, async () => {
    await fc.assert(
      fc.asyncProperty(mutated(p12), (keystore) =>
        load({ 'id.p12': keystore }, (p) => ({ p12File: p['id.p12']!, passphrase: testPassphrase })),
      ),
      { seed, numRuns: runs },
    );
  });

  it(`${runs} random byte strings as certificate, key and keystore`, async () => {
    await fc.assert(
      fc.asyncProperty(fc.uint8Array({ maxLength: 2048 }), async (bytes) => {
        const junk = Buffer.from(bytes);
        await load({ 'cert.pem': junk, 'key.pem': keyPem }, (p) => ({
          certFile: p['cert.pem']!,
          keyFile: p['key.pem']!,
        }));
        await load({ 'cert.pem': certPem, 'key.pem': junk }, (p) => ({
          certFile: p['cert.pem']!,
          keyFile: p['key.pem']!,
        }));
        await load({ 'id.p12': junk }, (p) => ({ p12File: p['id.p12']!, passphrase: testPassphrase }));
      }),
      { seed, numRuns: runs },
    );
  });
});
