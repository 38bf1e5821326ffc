import { expect } from 'chai';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { isHarnessError } from '../harness/common/harness-error.ts';
import { checkSharedNameAddresses } from '../harness/config/check-shared-name-addresses.ts';
import { parseConfig } from '../harness/config/load-config.ts';
import { toTargetDeclaration } from '../harness/config/target-declaration.ts';
import { declaredScenarios } from '../harness/scenarios/catalogue.ts';
import { testFixtures, testFixturesDir, testPassphrase } from './support/fixtures.ts';
import { runCliProcess } from './support/run-cli-process.ts';

const fixtureNames = ['ca1', 'ca2', 'intermediate-ca', 'rogue-ca'];

function load(text: string) {
  return parseConfig(text, { file: 'edge.yaml', baseDir: tmpdir(), fixtureNames, env: {} });
}

function failureOf(text: string): string {
  try {
    load(text);
  } catch (error) {
    expect(isHarnessError(error), String(error)).to.equal(true);
    return (error as Error).message;
  }
  throw new Error('the config loaded without an error');
}

const target = (...lines: string[]) =>
  ['targets:', '  - name: gateway', ...lines.map((line) => `    ${line}`), ''].join('\n');

describe('config: sharedWith and resumption', () => {
  it('loads them into the declaration, and they add the scenarios around the edge', () => {
    const config = load(
      target(
        'url: https://api.example.test:8443/healthcheck',
        'trusts: [ca1]',
        'sharedWith:',
        '  - { name: www.example.test, mtls: false }',
        '  - { name: partner.example.test, mtls: true, trusts: [ca2] }',
        'resumption: true',
      ),
    );
    const declaration = toTargetDeclaration(config.targets[0]!);
    expect(declaration.sharedWith).to.deep.equal([
      { name: 'www.example.test', mtls: false },
      { name: 'partner.example.test', mtls: true, trusts: ['ca2'] },
    ]);
    expect(declaration.resumption).to.equal(true);
    expect(declaredScenarios(declaration, 'server').map((scenario) => scenario.id)).to.deep.equal([
      'sni-host-mismatch',
      'no-sni',
      'resumed-session-other-vhost',
      'resumption-keeps-verification',
      'resumed-after-trust-change',
    ]);
    // A target without them runs the catalogue alone.
    const plain = toTargetDeclaration(
      load(target('url: https://api.example.test/', 'trusts: [ca1]')).targets[0]!,
    );
    expect(declaredScenarios(plain, 'server')).to.deep.equal([]);
  });

  it('lets the config select and skip the edge scenarios by id', () => {
    const config = load(
      target(
        'url: https://api.example.test/',
        'trusts: [ca1]',
        'resumption: true',
        'scenarios: { skip: { no-sni: "no SNI-less clients here" } }',
      ),
    );
    expect(config.targets[0]!.scenarios.skip).to.deep.equal({ 'no-sni': 'no SNI-less clients here' });
  });

  const problems: Array<[string, string[], string]> = [
    [
      "the target's own name",
      [
        'url: https://API.example.test/',
        'trusts: [ca1]',
        'sharedWith: [{ name: Api.Example.Test, mtls: false }]',
      ],
      `targets[0].sharedWith[0].name (line 5): "Api.Example.Test" is the target's own name (its URL's host); list only the other names its address serves.`,
    ],
    [
      'the name a started target is served as',
      ['provider: mock', 'trusts: [ca1]', 'sharedWith: [{ name: localhost, mtls: false }]'],
      `targets[0].sharedWith[0].name (line 5): "localhost" is the target's own name (the name provider mock serves it as); list only the other names its address serves.`,
    ],
    [
      'a name given twice',
      [
        'url: https://api.example.test/',
        'trusts: [ca1]',
        'sharedWith:',
        '  - { name: www.example.test, mtls: false }',
        '  - { name: WWW.example.test, mtls: false }',
      ],
      'targets[0].sharedWith[1].name (line 7): "WWW.example.test" is already sharedWith[0]; list each name once.',
    ],
    [
      'an address',
      ['url: https://api.example.test/', 'trusts: [ca1]', 'sharedWith: [{ name: 10.0.0.5, mtls: false }]'],
      'targets[0].sharedWith[0].name (line 5): "10.0.0.5" is an IP address, but SNI carries host names only (RFC 6066 §3); give the name that site is reached by.',
    ],
    [
      'an mTLS site without its trusts',
      [
        'url: https://api.example.test/',
        'trusts: [ca1]',
        'sharedWith: [{ name: partner.example.test, mtls: true }]',
      ],
      'targets[0].sharedWith[0].trusts (line 5): missing; with mtls: true, give the fixture CAs that site accepts, e.g. [ca2].',
    ],
    [
      'trusts on an ordinary site',
      [
        'url: https://api.example.test/',
        'trusts: [ca1]',
        'sharedWith: [{ name: www.example.test, mtls: false, trusts: [ca2] }]',
      ],
      'targets[0].sharedWith[0].trusts (line 5): only used with mtls: true (an ordinary site accepts no client certificate); remove it or set mtls: true.',
    ],
    [
      'a CA the fixture set does not have',
      [
        'url: https://api.example.test/',
        'trusts: [ca1]',
        'sharedWith: [{ name: partner.example.test, mtls: true, trusts: [ca9] }]',
      ],
      'targets[0].sharedWith[0].trusts[0] (line 5): "ca9" is not a CA of the fixture set; allowed: ca1, ca2, intermediate-ca, rogue-ca.',
    ],
    [
      'a provider that serves one site only',
      ['provider: haproxy', 'trusts: [ca1]', 'sharedWith: [{ name: www.example.test, mtls: false }]'],
      'targets[0].sharedWith (line 5): provider haproxy does not serve other sites beside the target (nginx, container and mock do); declare them on a url target that points at your gateway, or remove sharedWith.',
    ],
    [
      'another suite',
      [
        'url: https://api.example.test/',
        'suite: oauth',
        'trusts: [ca1]',
        'oauth: { clientId: c, authMethod: self_signed_tls_client_auth }',
        'resumption: true',
      ],
      'targets[0].resumption (line 7): only used with suite server (the scenarios around the edge probe an endpoint), but suite is oauth; remove it.',
    ],
  ];
  for (const [title, lines, message] of problems) {
    it(`refuses ${title}, in one line`, () => {
      expect(failureOf(target(...lines))).to.equal(`Cannot load edge.yaml. ${message}`);
    });
  }

  describe('with an IP address URL, every name must resolve to that address', () => {
    const config = () =>
      load(
        target(
          'url: https://10.1.2.3:8443/healthcheck',
          'trusts: [ca1]',
          'sharedWith: [{ name: www.example.test, mtls: false }, { name: other.example.test, mtls: false }]',
        ),
      );
    const lookup = (table: Record<string, string[]>) => (name: string) =>
      table[name]
        ? Promise.resolve(table[name])
        : Promise.reject(Object.assign(new Error('not found'), { code: 'ENOTFOUND' }));

    it('accepts names that resolve to it', async () => {
      await checkSharedNameAddresses(
        config(),
        lookup({ 'www.example.test': ['10.1.2.3'], 'other.example.test': ['::ffff:10.1.2.3'] }),
      );
    });

    it('names each one that does not, at once', async () => {
      const error = await checkSharedNameAddresses(
        config(),
        lookup({ 'www.example.test': ['93.184.216.34'] }),
      ).then(
        () => expect.fail('accepted'),
        (caught: Error) => caught,
      );
      expect(error.message).to.equal(
        [
          'Cannot load edge.yaml: 2 problems.',
          '  targets[0].sharedWith[0].name (line 5): "www.example.test" resolves to 93.184.216.34, not to 10.1.2.3; the URL names the address 10.1.2.3, so every sharedWith name must resolve to it: list only the names this address serves, or write the URL with the target\'s host name.',
          '  targets[0].sharedWith[1].name (line 5): "other.example.test" does not resolve (ENOTFOUND); the URL names the address 10.1.2.3, so every sharedWith name must resolve to it: list only the names this address serves, or write the URL with the target\'s host name.',
        ].join('\n'),
      );
    });
  });

  describe('from the command line', function () {
    this.timeout(60_000);
    let work: string;
    before(async () => {
      await testFixtures();
      work = await mkdtemp(join(tmpdir(), 'edge-config-'));
    });
    after(async () => {
      await rm(work, { recursive: true, force: true });
    });

    it('a name that does not resolve to the URL address: one line, exit 2, before any probe', async () => {
      const file = join(work, 'edge.yaml');
      await writeFile(
        file,
        [
          `fixtures: ${testFixturesDir}`,
          'targets:',
          '  - name: gateway',
          '    url: https://127.0.0.1:9/healthcheck',
          '    trusts: [ca1]',
          '    sharedWith: [{ name: public.example.invalid, mtls: false }]',
          '',
        ].join('\n'),
      );
      const result = await runCliProcess(
        ['run', '--config', file, '--fixtures-passphrase-env', 'FIXTURE_PASS'],
        {
          cwd: work,
          env: { FIXTURE_PASS: testPassphrase },
        },
      );
      expect(result.code).to.equal(2);
      expect(result.stderr.trim().split('\n')).to.have.length(1);
      expect(result.stderr).to.match(
        /^mtls-conformance: Cannot load .*edge\.yaml\. targets\[0\]\.sharedWith\[0\]\.name \(line 6\): "public\.example\.invalid" does not resolve \(ENOTFOUND\); the URL names the address 127\.0\.0\.1/,
      );
      expect(result.stderr).not.to.match(/\n\s+at /);
    });
  });
});
