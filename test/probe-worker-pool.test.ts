import { expect } from 'chai';
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { once } from 'node:events';
import { availableParallelism } from 'node:os';
import { threadId } from 'node:worker_threads';
import { HarnessError } from '../harness/common/harness-error.ts';
import { runSecrets } from '../harness/common/run-secrets.ts';
import type { FixtureSet } from '../harness/pki/fixture-set.ts';
import type { Observation } from '../harness/probe/observation.ts';
import type { ProbeOptions } from '../harness/probe/probe-options.ts';
import { probeTarget } from '../harness/probe/probe-target.ts';
import { ProbeWorkerPool } from '../harness/probe/probe-worker-pool.ts';
import { createLoadSampler, SpareCoreWatch, type LoadSample } from '../harness/probe/spare-core-watch.ts';
import type { TlsSession } from '../harness/probe/tls-session.ts';
import { testFixtures } from './support/fixtures.ts';
import {
  nginxStyleHandler,
  startHttpsServer,
  startTcpServer,
  type StartedTestServer,
} from './support/probe-test-servers.ts';

// What a verdict is made of; timings and the order of concurrent probes differ from run to run.
function verdictOf(observation: Observation): unknown {
  return {
    outcome: observation.outcome,
    stage: observation.stage,
    reason: observation.reason,
    status: observation.http?.status,
    protocol: observation.tls?.protocol,
    serverTrusted: observation.tls?.serverTrusted,
    serverChain: observation.tls?.serverChain.map((certificate) => certificate.subject),
    acceptableCaNames: observation.acceptableCaNames,
    clientCertificate: observation.clientCertificate?.subject,
  };
}

describe('ProbeWorkerPool: probes carried out on worker threads', function () {
  // The first worker compiles the probe's modules through tsx: seconds on a loaded machine.
  this.timeout(60_000);
  let fixtures: FixtureSet;
  let server: StartedTestServer;
  let pool: ProbeWorkerPool;
  let url: string;

  before(async () => {
    fixtures = await testFixtures();
    server = await startHttpsServer(
      {
        key: fixtures.identity('server').privateKeyPem,
        cert: fixtures.certificatePem('server'),
        ca: fixtures.certificatePem('ca1'),
        requestCert: true,
        rejectUnauthorized: false,
      },
      nginxStyleHandler,
    );
    url = `https://127.0.0.1:${server.port}/healthcheck`;
  });
  after(() => server.close());
  beforeEach(() => {
    pool = new ProbeWorkerPool(2);
  });
  afterEach(() => pool.close());

  const cases = (): Array<[string, ProbeOptions]> => [
    ['the trusted client (tpp1)', { url, identity: fixtures.identity('tpp1') }],
    ['a client of the other CA (tpp2)', { url, identity: fixtures.identity('tpp2') }],
    ['no certificate', { url }],
    [
      'TLS 1.2 only, server judged',
      {
        url,
        identity: fixtures.identity('tpp1'),
        minVersion: 'TLSv1.2',
        maxVersion: 'TLSv1.2',
        serverTrustPem: fixtures.certificatePem('ca1'),
        servername: 'localhost',
      },
    ],
  ];

  it('gives the verdicts and evidence a probe in this thread gives, for accepted and rejected clients', async () => {
    for (const [what, options] of cases()) {
      const inThread = await probeTarget(options);
      const inWorker = await pool.probe(options);
      expect(verdictOf(inWorker), what).to.deep.equal(verdictOf(inThread));
    }
    const outcomes = await Promise.all(cases().map(([, options]) => pool.probe(options)));
    expect(outcomes.map((observation) => observation.http?.status)).to.deep.equal([200, 400, 400, 200]);
  });

  it('spreads concurrent probes over its threads, none of them this one', async () => {
    const identity = fixtures.identity('tpp1');
    const observations = await Promise.all(
      Array.from({ length: 24 }, () => pool.probe({ url, identity, acceptableCaNames: 'skip' })),
    );
    expect(observations.every((observation) => observation.http?.status === 200)).to.equal(true);
    const threads = [...pool.answeredByThread.keys()];
    expect(threads, 'threads that answered').to.have.lengthOf(2);
    expect(threads).to.not.include(threadId);
    expect([...pool.answeredByThread.values()].reduce((sum, count) => sum + count, 0)).to.equal(24);
  });

  it('cancels a probe in its worker as soon as the signal aborts: interrupted, nothing concluded', async () => {
    const controller = new AbortController();
    let abortedAt = 0;
    await using silent = await startTcpServer((socket) =>
      socket.once('data', () => {
        abortedAt = performance.now();
        controller.abort();
      }),
    );
    const observation = await pool.probe({
      url: `https://127.0.0.1:${silent.port}/`,
      identity: fixtures.identity('tpp1'),
      timeouts: { connectMs: 20_000, handshakeMs: 20_000, responseMs: 20_000 },
      signal: controller.signal,
    });
    // The stages wait 20 s each: only the cancel message can have ended the probe.
    expect(performance.now() - abortedAt, 'ms from abort to observation').to.be.below(5000);
    expect(observation).to.include({ outcome: 'error', stage: 'tls-handshake', interrupted: true });
    expect(pool.answeredByThread.size).to.equal(1);
  });

  it("takes the run's secrets out of what a worker saw, though they are registered in this thread only", async () => {
    const secret = `s3cret-${randomBytes(8).toString('hex')}`;
    runSecrets.add(secret, 'a test secret');
    await using echo = await startHttpsServer(
      { key: fixtures.identity('server').privateKeyPem, cert: fixtures.certificatePem('server') },
      (_request, response) => response.writeHead(200).end(`{"echo":"${secret}"}`),
    );
    const observation = await pool.probe({ url: `https://127.0.0.1:${echo.port}/` });
    expect(observation.http?.status).to.equal(200);
    expect(JSON.stringify(observation)).to.not.include(secret);
    expect(observation.http?.body).to.include('"echo":"');
  });

  it('runs a probe that keeps or resumes sessions in this thread, where its sessions live', async () => {
    const sessions: TlsSession[] = [];
    const observation = await pool.probe({
      url,
      identity: fixtures.identity('tpp1'),
      onSession: (session) => sessions.push(session),
    });
    expect(observation.http?.status).to.equal(200);
    expect(sessions.length).to.be.greaterThan(0);
    expect(pool.answeredByThread.size, 'worker threads used').to.equal(0);
  });

  it('rejects options that cannot be used with the HarnessError a probe in this thread throws', async () => {
    const options: ProbeOptions = { url: 'ftp://127.0.0.1:21/' };
    const inThread = await probeTarget(options).then(
      () => undefined,
      (error: unknown) => error,
    );
    const inWorker = await pool.probe(options).then(
      () => undefined,
      (error: unknown) => error,
    );
    expect(inThread).to.be.instanceOf(HarnessError);
    expect(inWorker).to.be.instanceOf(HarnessError);
    expect((inWorker as Error).message).to.equal((inThread as Error).message);
  });

  it('after close, probes run in this thread and no worker keeps the process alive', async () => {
    await pool.probe({ url, identity: fixtures.identity('tpp1') });
    await pool.close();
    const before = pool.answeredByThread.size;
    const observation = await pool.probe({ url, identity: fixtures.identity('tpp1') });
    expect(observation.http?.status).to.equal(200);
    expect(pool.answeredByThread.size).to.equal(before);
  });

  it('refuses a size it cannot have', () => {
    expect(() => new ProbeWorkerPool(0)).to.throw(RangeError, /1 to 64 workers, got 0/);
    expect(() => new ProbeWorkerPool(1.5)).to.throw(RangeError);
  });
});

describe('ProbeWorkerPool and the end of the process', function () {
  this.timeout(60_000);

  it('keeps no process alive once its probes are done, even if never closed', async () => {
    const fixtures = await testFixtures();
    await using server = await startHttpsServer(
      { key: fixtures.identity('server').privateKeyPem, cert: fixtures.certificatePem('server') },
      (_request, response) => response.writeHead(200).end('ok'),
    );
    // A program that started its workers, probed once, and forgot to close the pool.
    const program = [
      `import { ProbeWorkerPool } from ${JSON.stringify(new URL('../harness/probe/probe-worker-pool.ts', import.meta.url).href)};`,
      'const pool = new ProbeWorkerPool(2);',
      'pool.prestart();',
      `const seen = await pool.probe({ url: 'https://127.0.0.1:${server.port}/' });`,
      'console.log(seen.http?.status, pool.answeredByThread.size);',
    ].join('\n');
    const child = spawn(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', program], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    const killer = setTimeout(() => child.kill('SIGKILL'), 30_000);
    const [code, signal] = (await once(child, 'exit')) as [number | null, NodeJS.Signals | null];
    clearTimeout(killer);
    expect({ code, signal }, 'killed after 30 s: a worker kept the process alive').to.deep.equal({
      code: 0,
      signal: null,
    });
    expect(stdout.trim()).to.equal('200 1');
  });
});

describe("ProbeWorkerPool 'on-spare-core': workers only once this thread is the limit and a core is idle", function () {
  this.timeout(60_000);
  let fixtures: FixtureSet;
  let server: StartedTestServer;
  let url: string;

  before(async () => {
    fixtures = await testFixtures();
    server = await startHttpsServer(
      { key: fixtures.identity('server').privateKeyPem, cert: fixtures.certificatePem('server') },
      (_request, response) => response.writeHead(200).end('ok'),
    );
    url = `https://127.0.0.1:${server.port}/`;
  });
  after(() => server.close());

  const probeFor = async (pool: ProbeWorkerPool, ms: number): Promise<number> => {
    let probes = 0;
    const until = performance.now() + ms;
    while (performance.now() < until) {
      await Promise.all(Array.from({ length: 4 }, () => pool.probe({ url, acceptableCaNames: 'skip' })));
      probes += 4;
    }
    return probes;
  };

  const cases: Array<[string, LoadSample, boolean]> = [
    ['busy thread, a core idle: offloads', { threadUtilization: 0.95, idleCores: 1 }, true],
    [
      'busy thread, no core idle (the endpoints took them): stays',
      { threadUtilization: 0.95, idleCores: 0.2 },
      false,
    ],
    [
      'idle thread (waiting on the endpoints), cores idle: stays',
      { threadUtilization: 0.3, idleCores: 1.5 },
      false,
    ],
  ];
  for (const [what, sample, offloads] of cases) {
    it(what, async () => {
      let samples = 0;
      await using pool = new ProbeWorkerPool(2, {
        start: 'on-spare-core',
        sampler: () => {
          samples += 1;
          return sample;
        },
        sampleIntervalMs: 20,
      });
      pool.prestart();
      expect(pool.offloading, 'before any probe').to.equal(false);
      const probes = await probeFor(pool, 600);
      expect(samples, 'the load was looked at').to.be.at.least(3);
      expect(pool.offloading).to.equal(offloads);
      const inWorkers = [...pool.answeredByThread.values()].reduce((sum, count) => sum + count, 0);
      if (offloads) expect(inWorkers).to.be.within(1, probes);
      else expect(inWorkers).to.equal(0);
    });
  }

  it('one busy moment is not enough: two samples in a row are', async () => {
    const samples: LoadSample[] = [
      { threadUtilization: 0.95, idleCores: 1 },
      { threadUtilization: 0.1, idleCores: 1 },
      { threadUtilization: 0.95, idleCores: 1 },
      { threadUtilization: 0.1, idleCores: 1 },
    ];
    let calls = 0;
    const spare: number[] = [];
    const watch = new SpareCoreWatch(
      () => spare.push(calls),
      () => samples[calls++ % samples.length]!,
      5,
    );
    watch.start();
    await new Promise((resolve) => setTimeout(resolve, 200));
    watch.stop();
    expect(spare).to.deep.equal([]);
    samples.splice(0, samples.length, { threadUtilization: 0.9, idleCores: 0.6 });
    calls = 0;
    watch.start();
    await new Promise((resolve) => setTimeout(resolve, 200));
    // The first call primes the sampler; the second and third are the two busy samples.
    expect(spare).to.deep.equal([3]);
  });

  it("the real sampler reports this thread's share and the idle cores within their bounds", () => {
    const sampler = createLoadSampler();
    const until = performance.now() + 100;
    while (performance.now() < until) {
      // A busy event loop.
    }
    const sample = sampler();
    expect(sample.threadUtilization).to.be.within(0.5, 1);
    expect(sample.idleCores).to.be.within(0, availableParallelism());
  });
});
