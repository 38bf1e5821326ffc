import { execFile } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import { dirname } from 'node:path';
import { setTimeout as delay } from 'node:timers/promises';
import { promisify } from 'node:util';
import { expect } from 'chai';
import type { FixtureSet } from '../harness/pki/fixture-set.ts';
import { NGINX_DIR_PREFIX, NginxProcessTargetProvider } from '../harness/targets/nginx-process-target.ts';
import type { NginxTargetOptions } from '../harness/targets/nginx-target-options.ts';
import type { LocalTargetDeclaration, StartedTarget } from '../harness/targets/target-provider.ts';
import { curlVerdict, summarizeVerdict } from './support/curl-verdict.ts';
import { testFixtures } from './support/fixtures.ts';
import { processesMatching, tempEntriesStartingWith } from './support/target-leftovers.ts';

/** A declaration with a name no other test uses, so leftover checks only see this test's nginx. */
function declare(trusts: string[]): LocalTargetDeclaration {
  return {
    name: `edge-${randomUUID().slice(0, 8)}`,
    trusts,
    rejectAt: 'any',
    tlsVersions: ['TLSv1.2', 'TLSv1.3'],
  };
}

/** curl with a fixture's certificate (and chain, where it has one), checking the server against ca1. */
async function curlAs(fixtures: FixtureSet, target: StartedTarget, client: string | null): Promise<string> {
  const cacert = fixtures.path('ca1', 'crt');
  if (client === null) return summarizeVerdict(await curlVerdict(target.url, { cacert }));
  const cert = client === 'intermediate-leaf' ? fixtures.path(client, 'chain') : fixtures.path(client, 'crt');
  return summarizeVerdict(await curlVerdict(target.url, { cacert, cert, key: fixtures.path(client, 'key') }));
}

const OK = '200 {"status":"ok"}';
const NO_CERT = '400 No required SSL certificate was sent';
const CERT_ERROR = '400 The SSL certificate error';

// What nginx answers curl, per configuration and client: pinned from nginx 1.22 (shared/recipes).
const cases: {
  title: string;
  trusts: string[];
  options: NginxTargetOptions;
  expected: Record<string, string>;
}[] = [
  {
    title: 'ssl_verify_client on, trusting ca1',
    trusts: ['ca1'],
    options: { verifyClient: 'on' },
    expected: {
      none: NO_CERT,
      tpp1: OK,
      tpp2: CERT_ERROR,
      rogue: CERT_ERROR,
      expired: CERT_ERROR,
      'self-signed': CERT_ERROR,
      'intermediate-leaf': OK,
    },
  },
  {
    title: 'ssl_verify_client on, trusting ca1+ca2 (same DN, told apart by SKID/AKID)',
    trusts: ['ca1', 'ca2'],
    options: {},
    expected: { none: NO_CERT, tpp1: OK, tpp2: OK, rogue: CERT_ERROR },
  },
  {
    title: 'ssl_verify_client optional_no_ca, trusting ca1: the misconfiguration lets strangers in',
    trusts: ['ca1'],
    options: { verifyClient: 'optional_no_ca' },
    expected: { none: OK, tpp1: OK, rogue: OK, 'self-signed': OK, tpp2: OK },
  },
  {
    title: 'ssl_verify_client optional, trusting ca1: no certificate passes, a bad one does not',
    trusts: ['ca1'],
    options: { verifyClient: 'optional' },
    expected: { none: OK, tpp1: OK, rogue: CERT_ERROR },
  },
  {
    // OpenSSL counts intermediates only: nginx's default depth 1 accepts intermediate-leaf (case 1).
    title: 'ssl_verify_depth 0 refuses a client behind an intermediate',
    trusts: ['ca1'],
    options: { verifyDepth: 0 },
    expected: { tpp1: OK, 'intermediate-leaf': CERT_ERROR },
  },
];

describe('targets: nginx as a local process', function () {
  let fixtures: FixtureSet;

  before(async function () {
    fixtures = await testFixtures();
  });

  for (const { title, trusts, options, expected } of cases) {
    it(`${title}: curl gets ${Object.keys(expected).join(', ')} answered as nginx does`, async function () {
      await using target = await new NginxProcessTargetProvider({
        declaration: declare(trusts),
        fixtures,
        options,
      }).start();
      const seen: Record<string, string> = {};
      for (const client of Object.keys(expected)) {
        seen[client] = await curlAs(fixtures, target, client === 'none' ? null : client);
      }
      expect(seen).to.deep.equal(expected);
    });
  }

  it('reports its URL, declaration, start time and the generated config, and a TLS 1.2-only config refuses TLS 1.3', async function () {
    const declaration = declare(['ca1']);
    await using target = await new NginxProcessTargetProvider({
      declaration,
      fixtures,
      options: { protocols: ['TLSv1.2'] },
    }).start();
    expect(target.kind).to.equal('nginx');
    expect(target.name).to.equal(declaration.name);
    expect(target.url).to.match(/^https:\/\/127\.0\.0\.1:\d+\/healthcheck$/);
    expect(target.declaration).to.deep.equal({ ...declaration, url: target.url });
    expect(target.startMs).to.be.within(1, 5000);
    const config = readFileSync(target.generatedConfigPath!, 'utf8');
    expect(config).to.include(`listen 127.0.0.1:${new URL(target.url).port} ssl;`);
    expect(config).to.include('ssl_protocols       TLSv1.2;');
    const tls12 = await curlVerdict(target.url, {
      tls: '1.2',
      cert: fixtures.path('tpp1', 'crt'),
      key: fixtures.path('tpp1', 'key'),
    });
    expect(summarizeVerdict(tls12)).to.equal(OK);
    const tls13 = await curlVerdict(target.url, {
      tls: '1.3',
      cert: fixtures.path('tpp1', 'crt'),
      key: fixtures.path('tpp1', 'key'),
    });
    expect(tls13).to.include({ kind: 'failed', exitCode: 35 });
  });

  it('stop() leaves no nginx process and no temporary directory behind, and may be called twice', async function () {
    const declaration = declare(['ca1']);
    const target = await new NginxProcessTargetProvider({ declaration, fixtures }).start();
    const dir = dirname(target.generatedConfigPath!);
    const running = await processesMatching(dir);
    expect(running.join('\n')).to.match(/nginx: master process/);
    expect(await tempEntriesStartingWith(`${NGINX_DIR_PREFIX}${declaration.name}-`)).to.have.length(1);

    await target.stop();
    await target.stop();
    expect(await processesMatching(dir)).to.deep.equal([]);
    // The worker runs as another user with the master's command line; pgrep -f covers it too.
    expect(await processesMatching(declaration.name)).to.deep.equal([]);
    expect(existsSync(dir)).to.be.false;
    expect(await tempEntriesStartingWith(`${NGINX_DIR_PREFIX}${declaration.name}-`)).to.deep.equal([]);
    expect(summarizeVerdict(await curlVerdict(target.url))).to.equal('curl 7');
  });

  it('a run that exits without stopping its targets still leaves no nginx running', async function () {
    const name = `abandoned-${randomUUID().slice(0, 8)}`;
    const script = new URL('./support/start-nginx-then-exit.ts', import.meta.url).pathname;
    const { stdout } = await promisify(execFile)(process.execPath, ['--import', 'tsx', script, name], {
      encoding: 'utf8',
    });
    const dir = stdout.trim();
    expect(dir).to.include(`${NGINX_DIR_PREFIX}${name}-`);
    try {
      // SIGKILL is sent on the way out; give the kernel a moment to reap the group.
      for (let i = 0; i < 20 && (await processesMatching(dir)).length > 0; i++) await delay(50);
      expect(await processesMatching(dir)).to.deep.equal([]);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('a missing nginx binary is one line naming the path and the fix, and leaves no directory', async function () {
    const declaration = { ...declare(['ca1']), name: 'edge' };
    const before = await tempEntriesStartingWith(`${NGINX_DIR_PREFIX}edge-`);
    const error = await new NginxProcessTargetProvider({
      declaration,
      fixtures,
      options: { binary: '/usr/sbin/nginx-absent' },
    })
      .start()
      .then(
        () => expect.fail('started without nginx'),
        (e: unknown) => e as Error,
      );
    expect(error.name).to.equal('HarnessError');
    expect(error.message).to.equal(
      'Cannot start target "edge": nginx not found at /usr/sbin/nginx-absent (ENOENT). Install it (apt-get install nginx-light) or set nginx.binary.',
    );
    expect(await tempEntriesStartingWith(`${NGINX_DIR_PREFIX}edge-`)).to.deep.equal(before);
  });

  it("a config nginx refuses is one line with nginx's own first error", async function () {
    const declaration = declare(['ca1']);
    const error = await new NginxProcessTargetProvider({
      declaration,
      fixtures,
      // A protocol name nginx does not know, as a typo in a config file would give.
      options: { protocols: ['TLSv1.4' as 'TLSv1.3'] },
    })
      .start()
      .then(
        () => expect.fail('nginx accepted TLSv1.4'),
        (e: unknown) => e as Error,
      );
    expect(error.message).to.match(
      new RegExp(
        `^Cannot start target "${declaration.name}": nginx exited with code 1 before it answered on 127\\.0\\.0\\.1:\\d+\\. ` +
          `nginx said: \\[emerg\\] invalid value "TLSv1\\.4" in /\\S+/nginx\\.conf:\\d+$`,
      ),
    );
    expect(await tempEntriesStartingWith(`${NGINX_DIR_PREFIX}${declaration.name}-`)).to.deep.equal([]);
    expect(await processesMatching(declaration.name)).to.deep.equal([]);
  });
});
