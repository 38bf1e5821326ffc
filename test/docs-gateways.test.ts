import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect } from 'chai';
import type { RunResults } from '../harness/report/run-results.ts';
import { APACHE_DEFAULTS } from '../harness/targets/apache-target-options.ts';
import { HAPROXY_DEFAULTS } from '../harness/targets/haproxy-target-options.ts';
import { jsseStoreCommands } from '../harness/targets/make-jsse-stores.ts';
import { renderApacheConf } from '../harness/targets/render-apache-conf.ts';
import { renderHaproxyCfg } from '../harness/targets/render-haproxy-cfg.ts';
import { renderJsseServerProperties } from '../harness/targets/render-jsse-server-properties.ts';
import { testFixtures, testFixturesDir, testPassphrase } from './support/fixtures.ts';
import { isExecutable } from './support/gateway-test-kit.ts';
import { javaAvailable } from './support/java-available.ts';
import { requireTool } from './support/require-tool.ts';
import { runCliProcess } from './support/run-cli-process.ts';

const docUrl = new URL('../docs/gateways.md', import.meta.url);

/** The fenced block that follows `<!-- marker -->` in docs/gateways.md, without its fences. */
function blockAfter(doc: string, marker: string): string {
  const start = doc.indexOf(`<!-- ${marker} -->`);
  if (start < 0) throw new Error(`docs/gateways.md has no <!-- ${marker} --> block`);
  const fenced = /```[a-z]*\n([\s\S]*?)```/.exec(doc.slice(start));
  if (fenced === null) throw new Error(`no fenced block after <!-- ${marker} -->`);
  return fenced[1] ?? '';
}

// The documented parameters: target "edge" on 127.0.0.1:8443, trusting ca1, every default.
const edge = {
  targetName: 'edge',
  listen: '127.0.0.1:8443',
  protocols: ['TLSv1.2', 'TLSv1.3'],
  trusts: ['ca1'],
} as const;

describe('docs/gateways.md', function () {
  let doc: string;

  before(async () => {
    doc = await readFile(docUrl, 'utf8');
  });

  it('shows exactly the httpd.conf, haproxy.cfg, JSSE settings and keytool lines the providers render (the copies cannot drift)', function () {
    expect(blockAfter(doc, 'rendered: apache')).to.equal(
      renderApacheConf({
        ...edge,
        verifyClient: APACHE_DEFAULTS.verifyClient,
        verifyDepth: APACHE_DEFAULTS.verifyDepth,
        modulesDir: APACHE_DEFAULTS.modulesDir,
      }),
    );
    expect(blockAfter(doc, 'rendered: haproxy')).to.equal(
      renderHaproxyCfg({ ...edge, verify: HAPROXY_DEFAULTS.verify }),
    );
    expect(blockAfter(doc, 'rendered: java')).to.equal(
      renderJsseServerProperties({
        targetName: 'edge',
        address: '127.0.0.1',
        port: 8443,
        clientAuth: 'need',
        protocols: edge.protocols,
        storeType: 'jks',
        trusts: edge.trusts,
      }),
    );
    const keytool = jsseStoreCommands({ storeType: 'jks', trusts: ['ca1'], caFile: (name) => `${name}.crt` });
    expect(blockAfter(doc, 'rendered: keytool')).to.equal(
      keytool.map((args) => `keytool ${args.join(' ')}\n`).join(''),
    );
  });

  describe('its examples, run by the real CLI', function () {
    // Three gateways, a JVM among them, started side by side by a CLI in its own process.
    this.timeout(180_000);
    let work: string;

    before(async function () {
      requireTool(this, isExecutable(APACHE_DEFAULTS.binary), 'apache2', 'apt-get install apache2');
      requireTool(this, isExecutable(HAPROXY_DEFAULTS.binary), 'haproxy', 'apt-get install haproxy');
      requireTool(this, await javaAvailable(), 'a JDK', 'apt-get install default-jdk-headless');
      await testFixtures();
      work = await mkdtemp(join(tmpdir(), 'mtlsc-docs-gateways-'));
    });
    after(() => (work ? rm(work, { recursive: true, force: true }) : undefined));

    async function run(name: string, yaml: string) {
      await writeFile(join(work, `${name}.yaml`), yaml);
      const reportDir = join(work, `${name}-reports`);
      const result = await runCliProcess(
        [
          'run',
          '--config',
          `${name}.yaml`,
          '--fixtures',
          testFixturesDir,
          '--fixtures-passphrase-env',
          'FIXTURE_PASS',
          '--report-dir',
          reportDir,
        ],
        { cwd: work, env: { FIXTURE_PASS: testPassphrase }, timeoutMs: 170_000 },
      );
      const results = async () =>
        JSON.parse(await readFile(join(reportDir, 'results.json'), 'utf8')) as RunResults;
      return { ...result, results };
    }

    it('the first passes every scenario on Apache, HAProxy and Java: exit 0', async function () {
      const result = await run('gateways', blockAfter(doc, 'example: every target passes'));
      expect(result.code, result.stderr).to.equal(0);
      const results = await result.results();
      expect(results.targets.map((target) => target.name)).to.deep.equal([
        'apache-ca1',
        'haproxy-ca1',
        'java-ca1',
      ]);
      // Skipped: the three allow-list scenarios of each target, which declares no allowedSubjects.
      expect(results.summary).to.include({ fail: 0, skip: 9, notRun: 0 });
    });

    it("the second, WSO2's want, fails exactly no-client-cert: exit 1", async function () {
      const result = await run('want', blockAfter(doc, 'example: the want misconfiguration'));
      expect(result.code, result.stderr).to.equal(1);
      const [target] = (await result.results()).targets;
      const failed = target?.scenarios.filter((scenario) => scenario.verdict === 'fail');
      expect(failed?.map((scenario) => scenario.id)).to.deep.equal(['no-client-cert']);
      expect(failed?.[0]?.reason).to.equal(
        'expected rejected, observed accepted: HTTP 200 (server answered HTTP 200 OK)',
      );
    });

    it('a gateway that is not installed ends the run with exit 2 and the one line the docs quote, no stack trace', async function () {
      const yaml = [
        'targets:',
        '  - name: apache-ca1',
        '    provider: apache',
        '    trusts: [ca1]',
        '    apache: { binary: /usr/sbin/apache2-absent }',
        '',
      ].join('\n');
      const result = await run('absent', yaml);
      expect(result.code).to.equal(2);
      expect(result.stderr).to.include(
        'Cannot start target "apache-ca1": apache2 not found at /usr/sbin/apache2-absent (ENOENT). Install it (apt-get install apache2) or set apache.binary.',
      );
      expect(result.stderr).not.to.match(/^\s+at /m);
      expect(doc).to.include(
        '`Cannot start target "apache-ca1": apache2 not found at /usr/sbin/apache2 (ENOENT). Install it (apt-get install apache2) or set apache.binary.`',
      );
    });
  });
});
