import { expect } from 'chai';
import { chmod, mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FixtureSet } from '../harness/pki/fixture-set.ts';
import type { ScenarioResult } from '../harness/report/run-results.ts';
import { findFreePort } from '../harness/targets/free-port.ts';
import { isSpawnFailure, spawnTargetProcess, type TargetProcess } from '../harness/targets/target-process.ts';
import { waitForTls } from '../harness/targets/wait-for-tls.ts';
import { testFixtures } from './support/fixtures.ts';
import { edgeVerdicts, runEdgeScenarios } from './support/run-edge-scenarios.ts';

// A second real gateway: Debian's Apache httpd 2.4 (2.4.71 here, after the CVE-2025-23048 fix of
// 2.4.64) with mod_ssl, an mTLS partner site trusting ca2 and the target trusting ca1 on one port,
// a shared session cache and tickets on. Recorded in docs/observed-refusals.md.

const apache = '/usr/sbin/apache2';
const modules = '/usr/lib/apache2/modules';

function httpdConf(dir: string, port: number): string {
  const site = (name: string, ca: string, root: string) => [
    `<VirtualHost 127.0.0.1:${port}>`,
    `  ServerName ${name}`,
    `  DocumentRoot ${join(dir, root)}`,
    '  SSLEngine on',
    `  SSLCertificateFile ${join(dir, 'server.crt')}`,
    `  SSLCertificateKeyFile ${join(dir, 'server.key')}`,
    '  SSLVerifyClient require',
    `  SSLCACertificateFile ${join(dir, ca)}`,
    '</VirtualHost>',
  ];
  return [
    `ServerRoot ${dir}`,
    `PidFile ${join(dir, 'httpd.pid')}`,
    `ErrorLog ${join(dir, 'error.log')}`,
    ...(process.getuid?.() === 0 ? ['User nobody', 'Group nogroup'] : []),
    `LoadModule mpm_event_module ${modules}/mod_mpm_event.so`,
    `LoadModule authz_core_module ${modules}/mod_authz_core.so`,
    `LoadModule ssl_module ${modules}/mod_ssl.so`,
    `LoadModule socache_shmcb_module ${modules}/mod_socache_shmcb.so`,
    `Listen 127.0.0.1:${port}`,
    'ServerName localhost',
    `SSLSessionCache shmcb:${join(dir, 'session-cache')}(512000)`,
    'SSLSessionTickets on',
    // The first virtual host of an address is its default: the partner site.
    ...site('partner.example.test', 'ca2.pem', 'partner'),
    ...site('localhost', 'ca1.pem', 'api'),
    `<Directory ${dir}>`,
    '  Require all granted',
    '</Directory>',
    '',
  ].join('\n');
}

describe("scenarios around the edge against Debian's Apache httpd 2.4 with two mTLS sites on one port", function () {
  this.timeout(120_000);
  let fixtures: FixtureSet;
  let dir: string;
  let httpd: TargetProcess | undefined;
  let port: number;

  before(async () => {
    fixtures = await testFixtures();
    dir = await mkdtemp(join(tmpdir(), 'mtlsc-apache-'));
    // As root, the workers run as nobody and must reach the document roots.
    if (process.getuid?.() === 0) await chmod(dir, 0o711);
    for (const root of ['api', 'partner']) await mkdir(join(dir, root), { mode: 0o755 });
    await writeFile(join(dir, 'api', 'healthcheck'), '{"status":"ok"}\n', { mode: 0o644 });
    await writeFile(join(dir, 'server.crt'), fixtures.certificatePem('server'));
    await writeFile(join(dir, 'server.key'), fixtures.identity('server').privateKeyPem, { mode: 0o600 });
    await writeFile(join(dir, 'ca1.pem'), fixtures.trustBundlePem(['ca1']));
    await writeFile(join(dir, 'ca2.pem'), fixtures.trustBundlePem(['ca2']));
    port = await findFreePort();
    await writeFile(join(dir, 'httpd.conf'), httpdConf(dir, port));
    const started = await spawnTargetProcess(apache, ['-f', join(dir, 'httpd.conf'), '-DFOREGROUND']);
    if (isSpawnFailure(started))
      throw new Error(`cannot run ${apache} (${started.code}): apt-get install apache2`);
    httpd = started;
    await waitForTls({
      port,
      timeoutMs: 10_000,
      gaveUp: () => {
        const exited = started.exitReason();
        return exited === undefined ? undefined : `apache2 ${exited}: ${started.output()}`;
      },
    });
  });

  after(async () => {
    await httpd?.stop();
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it('refuses every side door, in the way mod_ssl does', async () => {
    const { edge } = await runEdgeScenarios(fixtures, {
      name: 'apache',
      url: `https://localhost:${port}/healthcheck`,
      trusts: ['ca1'],
      rejectAt: 'any',
      tlsVersions: ['TLSv1.2', 'TLSv1.3'],
      sharedWith: [{ name: 'partner.example.test', mtls: true, trusts: ['ca2'] }],
    });
    expect(edgeVerdicts(edge)).to.deep.equal([
      'sni-host-mismatch: pass',
      'no-sni: pass',
      'resumed-session-other-vhost: pass',
      'resumption-keeps-verification: pass',
      'resumed-after-trust-change: skip',
    ]);
    const notes = (result: ScenarioResult) => result.steps!.map((step) => step.note);
    expect(notes(edge['sni-host-mismatch']!)).to.deep.equal(
      Array(4).fill('refused: HTTP 421 Misdirected Request'),
    );
    // Unlike nginx, mod_ssl also answers 421 to a client without SNI whose certificate another site verified.
    expect(notes(edge['no-sni']!)).to.deep.equal([
      'refused: TLS alert 116 certificate_required',
      'refused: HTTP 421 Misdirected Request',
    ]);
    // A session of the partner site is not resumed on the target: TLS 1.2 fails the handshake, TLS 1.3
    // falls back to a full one, which asks for the certificate the client does not send.
    expect(notes(edge['resumed-session-other-vhost']!)).to.deep.equal([
      'refused in the handshake: TLS alert 40 handshake_failure',
      'refused in the handshake: TLS alert 40 handshake_failure',
      'refused, not resumed: TLS alert 116 certificate_required',
    ]);
    // It refuses a client without a verified certificate in the handshake, so it issues it no session.
    expect(
      notes(edge['resumption-keeps-verification']!).filter((note) => note?.startsWith('no session offered')),
    ).to.have.length(4);
  });
});
