import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { expect } from 'chai';
import { renderNginxConf, type NginxConfParams } from '../harness/targets/render-nginx-conf.ts';
import { writeNginxFiles } from '../harness/targets/write-nginx-files.ts';
import { testFixtures } from './support/fixtures.ts';

/** The parameters of docs/nginx-mtls.conf: the seed's gateway, trusting CA1 and CA2. */
const documented: NginxConfParams = {
  targetName: 'edge',
  listen: '127.0.0.1:8443',
  verifyClient: 'on',
  verifyDepth: 1,
  protocols: ['TLSv1.2', 'TLSv1.3'],
  trusts: ['ca1', 'ca2'],
};

function directives(config: string): string[] {
  return config
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line !== '' && !line.startsWith('#'));
}

describe('targets: renderNginxConf', function () {
  it('renders exactly docs/nginx-mtls.conf for the documented parameters (the example cannot drift)', async function () {
    const documentedFile = await readFile(new URL('../docs/nginx-mtls.conf', import.meta.url), 'utf8');
    expect(renderNginxConf(documented)).to.equal(documentedFile);
  });

  it("docs/targets.md's server block is the generated one", async function () {
    const readme = await readFile(new URL('../docs/targets.md', import.meta.url), 'utf8');
    const block =
      /<!-- nginx-server-block: start -->\n```nginx\n([\s\S]+?)```\n<!-- nginx-server-block: end -->/.exec(
        readme,
      )?.[1];
    expect(block, 'docs/targets.md has no nginx-server-block').to.be.a('string');
    expect(renderNginxConf(documented)).to.include(block);
    expect(block).to.match(/^ {4}server \{\n[\s\S]+\n {4}\}\n$/);
  });

  it('renders the mTLS directives of the server block from the parameters', function () {
    const lines = directives(renderNginxConf(documented));
    const server = lines.slice(lines.indexOf('server {'));
    expect(server.slice(0, 10)).to.deep.equal([
      'server {',
      'listen 127.0.0.1:8443 ssl;',
      'server_name localhost;',
      'ssl_certificate     server.crt;',
      'ssl_certificate_key server.key;',
      'ssl_protocols       TLSv1.2 TLSv1.3;',
      'ssl_verify_client      on;',
      'ssl_client_certificate client-ca.pem;',
      'ssl_verify_depth       1;',
      'location = /healthcheck {',
    ]);
    expect(server.slice(10, 13)).to.deep.equal([
      'default_type application/json;',
      `return 200 '{"status":"ok"}';`,
      '}',
    ]);
    // Runs unprivileged: every temp path under the prefix, one worker, no `user` unless asked for.
    expect(lines).to.include.members([
      'worker_processes 1;',
      'pid nginx.pid;',
      'error_log error.log notice;',
      'client_body_temp_path client_body_temp;',
      'proxy_temp_path proxy_temp;',
      'fastcgi_temp_path fastcgi_temp;',
      'uwsgi_temp_path uwsgi_temp;',
      'scgi_temp_path scgi_temp;',
    ]);
    expect(lines.filter((line) => line.startsWith('user '))).to.deep.equal([]);
    expect(directives(renderNginxConf({ ...documented, user: 'nobody nogroup' }))[0]).to.equal(
      'user nobody nogroup;',
    );
  });

  for (const [verifyClient, trusts, expected] of [
    ['on', ['ca1'], ['ssl_verify_client      on;', 'ssl_client_certificate client-ca.pem;']],
    ['optional', ['ca1'], ['ssl_verify_client      optional;', 'ssl_client_certificate client-ca.pem;']],
    [
      'optional_no_ca',
      ['ca1'],
      ['ssl_verify_client      optional_no_ca;', 'ssl_client_certificate client-ca.pem;'],
    ],
    ['optional_no_ca', [], ['ssl_verify_client      optional_no_ca;']],
  ] as const) {
    it(`ssl_verify_client ${verifyClient} trusting [${trusts.join(', ')}] renders ${expected.length} client-certificate lines`, function () {
      const config = renderNginxConf({ ...documented, verifyClient, trusts });
      expect(
        directives(config).filter((line) => /^ssl_(verify_client|client_certificate)/.test(line)),
      ).to.deep.equal(expected);
    });
  }

  it('says in the config that optional_no_ca does not check the issuer', function () {
    expect(renderNginxConf({ ...documented, verifyClient: 'optional_no_ca' })).to.include(
      '# optional_no_ca: DOES NOT CHECK THE ISSUER.',
    );
  });

  for (const [change, message] of [
    [{ verifyDepth: -1 }, 'nginx.verifyDepth must be a whole number of at least 0, got -1.'],
    [{ protocols: [] }, 'nginx.protocols is empty; list TLSv1.2, TLSv1.3 or both.'],
    [{ trusts: [] }, 'ssl_verify_client on needs at least one trusted CA; declare trusts (e.g. [ca1]).'],
  ] as const) {
    it(`refuses ${JSON.stringify(change)} with one line naming the field`, function () {
      expect(() => renderNginxConf({ ...documented, ...change })).to.throw(
        `Cannot render nginx.conf for target "edge". ${message}`,
      );
    });
  }

  it('passes `nginx -t` with the fixture files beside it', async function () {
    const dir = await mkdtemp(join(tmpdir(), 'mtlsc-render-test-'));
    try {
      const declaration = {
        name: 'edge',
        trusts: ['ca1', 'ca2'],
        rejectAt: 'any',
        tlsVersions: ['TLSv1.2', 'TLSv1.3'],
      } as const;
      const files = await writeNginxFiles({
        dir,
        declaration,
        fixtures: await testFixtures(),
        options: {},
        listen: '127.0.0.1:8443',
      });
      const { stderr } = await promisify(execFile)('/usr/sbin/nginx', [
        '-t',
        '-p',
        `${dir}/`,
        '-c',
        files.config,
      ]);
      expect(stderr).to.include('test is successful');
      expect(await readFile(files.clientCertificate, 'utf8')).to.equal(
        (await testFixtures()).trustBundlePem(['ca1', 'ca2']),
      );
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
