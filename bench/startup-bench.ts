import { cliPath } from './bench-paths.ts';
import { measureProcess, median } from './measure-process.ts';

export interface StartupFigures {
  rounds: number;
  /** `node -e 1`: Node's own start, the floor of any Node CLI. */
  nodeMs: number;
  /** `mtls-conformance scenarios` (compiled tree, cache warm). */
  scenariosMs: number;
  /** `mtls-conformance --help` (compiled tree, cache warm). */
  helpMs: number;
  /** `scenarios` through tsx (MTLSC_RUN_SOURCES=1), as every start was before issue 21. */
  scenariosTsxMs: number;
}

/**
 * Figure 5 (issue 21): how long a CLI call costs a pipeline that makes many. Medians of interleaved
 * rounds, so a burst of load on the shared machine touches all four alike; one unmeasured call first
 * makes sure the compiled tree exists (a first run after an edit compiles, ~1 s, once).
 */
export async function benchStartup(rounds: number): Promise<StartupFigures> {
  const cli = async (args: string[], env: NodeJS.ProcessEnv = {}) => {
    const run = await measureProcess(process.execPath, [cliPath, ...args], { env });
    if (run.code !== 0)
      throw new Error(`mtls-conformance ${args.join(' ')} exited ${run.code}:\n${run.stderr}`);
    return run.wallMs;
  };
  await cli(['scenarios']);
  const times = {
    node: [] as number[],
    scenarios: [] as number[],
    help: [] as number[],
    tsx: [] as number[],
  };
  for (let round = 0; round < rounds; round += 1) {
    times.node.push((await measureProcess(process.execPath, ['-e', '1'])).wallMs);
    times.scenarios.push(await cli(['scenarios']));
    times.help.push(await cli(['--help']));
    times.tsx.push(await cli(['scenarios'], { MTLSC_RUN_SOURCES: '1' }));
  }
  return {
    rounds,
    nodeMs: median(times.node),
    scenariosMs: median(times.scenarios),
    helpMs: median(times.help),
    scenariosTsxMs: median(times.tsx),
  };
}
