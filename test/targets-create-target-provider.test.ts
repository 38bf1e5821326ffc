import { expect } from 'chai';
import type { FixtureSet } from '../harness/pki/fixture-set.ts';
import { ContainerTargetProvider } from '../harness/targets/container-target.ts';
import { createTargetProvider, type TargetProviderSpec } from '../harness/targets/create-target-provider.ts';
import { MockTargetProvider } from '../harness/targets/mock-target.ts';
import { NginxProcessTargetProvider } from '../harness/targets/nginx-process-target.ts';
import { OpenSslTargetProvider } from '../harness/targets/openssl-target.ts';
import type { LocalTargetDeclaration } from '../harness/targets/target-provider.ts';
import { UrlTargetProvider } from '../harness/targets/url-target.ts';
import { curlVerdict, summarizeVerdict } from './support/curl-verdict.ts';
import { testFixtures } from './support/fixtures.ts';

const declaration: LocalTargetDeclaration = {
  name: 'edge',
  trusts: ['ca1'],
  rejectAt: 'any',
  tlsVersions: ['TLSv1.2', 'TLSv1.3'],
};

describe('targets: createTargetProvider, url and mock targets', function () {
  let fixtures: FixtureSet;

  before(async function () {
    fixtures = await testFixtures();
  });

  for (const [spec, type] of [
    [
      { provider: 'url', declaration: { ...declaration, url: 'https://partner.example:8443/healthcheck' } },
      UrlTargetProvider,
    ],
    [{ provider: 'mock', declaration, mock: { refusal: 'http' } }, MockTargetProvider],
    [{ provider: 'nginx', declaration, nginx: { verifyClient: 'optional' } }, NginxProcessTargetProvider],
    [{ provider: 'openssl', declaration, openssl: { tlsVersion: '1.3' } }, OpenSslTargetProvider],
    [
      { provider: 'container', declaration, container: { image: 'mtls-nginx:local' } },
      ContainerTargetProvider,
    ],
  ] as [TargetProviderSpec, new (...args: never[]) => unknown][]) {
    it(`provider ${spec.provider} → ${type.name}, started by nothing until start()`, function () {
      const provider = createTargetProvider(spec, fixtures);
      expect(provider).to.be.instanceOf(type);
      expect(provider.kind).to.equal(spec.provider);
    });
  }

  it('passes the option blocks through: the container runs the given image', function () {
    const provider = createTargetProvider(
      { provider: 'container', declaration, container: { image: 'gateway:1.0' } },
      fixtures,
    );
    expect((provider as ContainerTargetProvider).image()).to.equal('gateway:1.0');
  });

  it('a url target starts nothing: same URL and declaration, startMs 0, stop() is a no-op', async function () {
    const url = 'https://127.0.0.1:1/healthcheck';
    await using target = await createTargetProvider(
      { provider: 'url', declaration: { ...declaration, url } },
      fixtures,
    ).start();
    expect(target).to.include({ kind: 'url', name: 'edge', url, startMs: 0 });
    expect(target.declaration).to.deep.equal({ ...declaration, url });
    expect(target.generatedConfigPath).to.be.undefined;
    await target.stop();
  });

  for (const [title, mock, expected] of [
    // Node refuses a bad certificate by closing the connection without an alert (see RefusalStage):
    // curl then sees an empty reply (52) or a failed read (56), depending on timing.
    [
      'require, refused at the handshake',
      {},
      { none: 'no response', tpp1: '200 {"status":"ok"}', rogue: 'no response' },
    ],
    [
      'require, refused at HTTP as nginx does',
      { refusal: 'http' },
      {
        none: '400 No required SSL certificate was sent',
        tpp1: '200 {"status":"ok"}',
        rogue: '400 The SSL certificate error',
      },
    ],
    [
      'accept-any-certificate (broken on purpose)',
      { misconfiguration: 'accept-any-certificate' },
      { none: '200 {"status":"ok"}', tpp1: '200 {"status":"ok"}', rogue: '200 {"status":"ok"}' },
    ],
  ] as const) {
    it(`a mock target (${title}) answers curl as configured`, async function () {
      await using target = await createTargetProvider(
        { provider: 'mock', declaration, mock },
        fixtures,
      ).start();
      expect(target.url).to.match(/^https:\/\/127\.0\.0\.1:\d+\/healthcheck$/);
      expect(target.startMs).to.be.within(0, 5000);
      const seen: Record<string, string> = {};
      for (const client of Object.keys(expected)) {
        const identity =
          client === 'none' ? {} : { cert: fixtures.path(client, 'crt'), key: fixtures.path(client, 'key') };
        const verdict = await curlVerdict(target.url, {
          cacert: fixtures.path('ca1', 'crt'),
          tls: '1.3',
          ...identity,
        });
        seen[client] =
          verdict.kind === 'failed' && [52, 56].includes(verdict.exitCode)
            ? 'no response'
            : summarizeVerdict(verdict);
      }
      expect(seen).to.deep.equal(expected);
    });
  }

  it('a mock target stops listening on stop()', async function () {
    const target = await createTargetProvider({ provider: 'mock', declaration }, fixtures).start();
    await target.stop();
    expect(summarizeVerdict(await curlVerdict(target.url))).to.equal('curl 7');
  });
});
