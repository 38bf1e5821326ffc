import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { StartedTarget } from '../harness/targets/target-provider.ts';
import { benchPassphrase, cliPath } from './bench-paths.ts';
import { measureProcess, median } from './measure-process.ts';
import { openSslCaTrueLeaf } from './seed-plan-bench.ts';

export interface SingleNginxFigures {
  rounds: number;
  /** `mtls-conformance run` of the whole catalogue against one nginx: Node start and reports included. */
  harnessMs: number;
  /** Scenarios the run judged (pass or fail): the checks the curl script repeats, one curl each. */
  checks: number;
  /** A shell script of `checks` curl commands against the same nginx. */
  curlScriptMs: number;
}

/**
 * The curl script a person would write to make the same number of checks by hand: one curl per check,
 * cycling through the seed's variants (no certificate, tpp1, tpp2), each printing its HTTP status.
 */
export function equivalentCurlScript(fixturesDir: string, url: string, checks: number): string {
  const file = (name: string) => `'${fixturesDir}/${name}'`;
  const curl = `curl -s -o /dev/null -w '%{http_code}\\n' --cacert ${file('ca1.crt')} '${url}'`;
  const variants = [
    curl,
    `${curl} --cert ${file('tpp1.crt')} --key ${file('tpp1.key')}`,
    `${curl} --cert ${file('tpp2.crt')} --key ${file('tpp2.key')}`,
  ];
  return ['#!/bin/sh', ...Array.from({ length: checks }, (_, index) => variants[index % 3]!), ''].join('\n');
}

/** Figure 2 of issue 21: the full catalogue against one local nginx vs the equivalent curl script. */
export async function benchSingleNginx(
  work: string,
  fixturesDir: string,
  nginx: StartedTarget,
  rounds: number,
): Promise<SingleNginxFigures> {
  const configFile = join(work, 'single-nginx.json');
  await writeFile(
    configFile,
    JSON.stringify({
      fixtures: fixturesDir,
      reportDir: join(work, 'single-nginx-reports'),
      targets: [
        {
          name: 'nginx',
          url: nginx.url,
          trusts: ['ca1', 'ca2'],
          serverCa: 'ca1',
          scenarios: openSslCaTrueLeaf,
        },
      ],
    }),
  );
  const harness: number[] = [];
  const curl: number[] = [];
  let checks = 0;
  let scriptFile = '';
  for (let round = 0; round < rounds; round += 1) {
    const run = await measureProcess(
      cliPath,
      ['run', '--config', configFile, '--fixtures-passphrase-env', 'FIXTURE_PASS', '--json'],
      { node: true, env: { FIXTURE_PASS: benchPassphrase } },
    );
    if (run.code !== 0)
      throw new Error(`the harness run against one nginx did not pass (exit ${run.code}):\n${run.stderr}`);
    harness.push(run.wallMs);
    if (checks === 0) {
      const results = JSON.parse(run.stdout) as { summary: { pass: number; fail: number } };
      checks = results.summary.pass + results.summary.fail;
      scriptFile = join(work, 'single-nginx.sh');
      await writeFile(scriptFile, equivalentCurlScript(fixturesDir, nginx.url, checks));
    }
    const script = await measureProcess('sh', [scriptFile]);
    if (script.code !== 0) throw new Error(`the curl script failed:\n${script.stderr}`);
    curl.push(script.wallMs);
  }
  return { rounds, harnessMs: median(harness), checks, curlScriptMs: median(curl) };
}
