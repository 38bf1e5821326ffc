import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { defaultFixtureSpec } from '../harness/pki/default-fixture-spec.ts';
import { generateFixtureSet } from '../harness/pki/generate-fixture-set.ts';
import { validateFixtureSpec } from '../harness/pki/validate-fixture-spec.ts';
import { benchPassphrase, cliPath } from './bench-paths.ts';
import { measureProcess, median } from './measure-process.ts';
import { opensslFixtureScript } from './openssl-fixture-script.ts';

export interface FixtureFigures {
  rounds: number;
  /** `mtls-conformance fixtures --out DIR`, a new folder: the whole process, Node start included. */
  harnessColdMs: number;
  /** The same command on the folder it just wrote (cache hit), whole process. */
  harnessCachedCliMs: number;
  /** generateFixtureSet() on that folder from a running process: the cache check alone. */
  harnessCachedInProcessMs: number;
  /** The seed's openssl command sequence for the same identities, in a new folder. */
  opensslColdMs: number;
  /** One of the harness's sets, for the other sections. */
  fixturesDir: string;
}

/** Figure 1: the fixture set, harness vs openssl script, cold and cached; rounds alternate the two. */
export async function benchFixtureGeneration(work: string, rounds: number): Promise<FixtureFigures> {
  const env = { FIXTURE_PASS: benchPassphrase };
  const { script, files } = opensslFixtureScript(validateFixtureSpec(defaultFixtureSpec));
  const cold: number[] = [];
  const cachedCli: number[] = [];
  const cachedInProcess: number[] = [];
  const openssl: number[] = [];
  let fixturesDir = '';
  for (let round = 0; round < rounds; round += 1) {
    const harnessDir = join(work, `harness-fixtures-${round}`);
    const args = ['fixtures', '--out', harnessDir, '--password-env', 'FIXTURE_PASS'];
    const first = await measureProcess(cliPath, args, { node: true, env });
    if (first.code !== 0) throw new Error(`mtls-conformance fixtures failed:\n${first.stderr}`);
    cold.push(first.wallMs);
    cachedCli.push((await measureProcess(cliPath, args, { node: true, env })).wallMs);
    const started = performance.now();
    const report = await generateFixtureSet({ outDir: harnessDir, passphrase: benchPassphrase });
    cachedInProcess.push(performance.now() - started);
    if (report.outcome !== 'reused') throw new Error(`the cached set was not reused: ${report.reason}`);
    fixturesDir ||= harnessDir;

    const opensslDir = join(work, `openssl-fixtures-${round}`);
    await mkdir(opensslDir, { recursive: true });
    await writeFile(join(opensslDir, 'make.sh'), script);
    for (const [name, text] of Object.entries(files)) await writeFile(join(opensslDir, name), text);
    const made = await measureProcess('sh', ['make.sh'], { cwd: opensslDir, env });
    if (made.code !== 0) throw new Error(`the openssl script failed:\n${made.stderr}`);
    openssl.push(made.wallMs);
  }
  return {
    rounds,
    harnessColdMs: median(cold),
    harnessCachedCliMs: median(cachedCli),
    harnessCachedInProcessMs: median(cachedInProcess),
    opensslColdMs: median(openssl),
    fixturesDir,
  };
}
