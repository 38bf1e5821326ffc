import { HarnessError } from '../../common/harness-error.ts';
import type { RunResults, TargetResult } from '../../report/run-results.ts';
import { countVerdicts } from '../../runner/run-conformance.ts';

/** One results.json to merge, with how messages name it (its folder as the user gave it). */
export interface MergeInput {
  label: string;
  results: RunResults;
}

/**
 * Joins the results of the shards of one run (`run --shard i/n`) into the results of the whole run:
 * targets back in config order (shard i holds positions i-1, i-1+n…, so they are interleaved by shard
 * index, whatever order the folders were given in), the summary counted again, the earliest start and
 * the latest finish. Results without shard information (separate runs over disjoint targets) are
 * concatenated in the order given.
 *
 * Throws a HarnessError (exit 2) for input that cannot make one run: shards of different tool
 * versions or of different splits, the same shard or target twice, a missing shard.
 */
export function mergeRunResults(inputs: readonly MergeInput[]): RunResults {
  const [first] = inputs;
  if (!first) throw new HarnessError('Cannot merge nothing. Name the report folders of the shards.');
  checkSameTool(inputs);
  const sharded = inputs.filter((input) => input.results.shard !== undefined);
  if (sharded.length > 0 && sharded.length < inputs.length) {
    const whole = inputs.find((input) => input.results.shard === undefined)!;
    throw new HarnessError(
      `Cannot merge ${whole.label} with shards: it holds a whole run, not a shard (run without --shard). Merge only the folders of one sharded run.`,
    );
  }
  const targets =
    sharded.length > 0 ? interleaveShards(inputs) : inputs.flatMap((input) => input.results.targets);
  // After the shard checks, which name an overlap more precisely (the same shard twice).
  checkDistinctTargets(inputs);
  const { shard: _shard, ...rest } = first.results;
  return {
    ...rest,
    startedAt: earliest(inputs.map((input) => input.results.startedAt)),
    finishedAt: latest(inputs.map((input) => input.results.finishedAt)),
    interrupted: inputs.some((input) => input.results.interrupted),
    targets,
    summary: countVerdicts(targets),
  };
}

function checkSameTool(inputs: readonly MergeInput[]): void {
  const [first] = inputs;
  for (const input of inputs) {
    const a = first!.results;
    const b = input.results;
    if (a.version !== b.version || a.tool.version !== b.tool.version) {
      throw new HarnessError(
        `Cannot merge ${first!.label} (results.json version ${a.version}, mtls-conformance ${a.tool.version}) with ${input.label} (version ${b.version}, mtls-conformance ${b.tool.version}): shards of one run come from one version. Run every shard with the same mtls-conformance.`,
      );
    }
  }
}

function checkDistinctTargets(inputs: readonly MergeInput[]): void {
  const owner = new Map<string, string>();
  for (const input of inputs) {
    for (const target of input.results.targets) {
      const key = target.name.toLowerCase();
      const seen = owner.get(key);
      if (seen !== undefined) {
        throw new HarnessError(
          `Cannot merge: target ${target.name} is in both ${seen} and ${input.label}, so the shards overlap. Give each shard's folder once, from one run with --shard i/n.`,
        );
      }
      owner.set(key, input.label);
    }
  }
}

function interleaveShards(inputs: readonly MergeInput[]): TargetResult[] {
  const shards = inputs.map((input) => ({
    label: input.label,
    shard: input.results.shard!,
    targets: input.results.targets,
  }));
  const { total, allTargets } = shards[0]!.shard;
  const byIndex = new Map<number, (typeof shards)[number]>();
  for (const entry of shards) {
    const { index } = entry.shard;
    if (entry.shard.total !== total || entry.shard.allTargets !== allTargets) {
      throw new HarnessError(
        `Cannot merge ${shards[0]!.label} (shard ${shards[0]!.shard.index}/${total} of ${allTargets} targets) with ${entry.label} (shard ${index}/${entry.shard.total} of ${entry.shard.allTargets} targets): they split different runs. Merge the shards of one CI pipeline.`,
      );
    }
    const twin = byIndex.get(index);
    if (twin) {
      throw new HarnessError(
        `Cannot merge: ${twin.label} and ${entry.label} are both shard ${index}/${total}, so they overlap. Give each shard's folder once.`,
      );
    }
    // Round-robin: shard i holds positions i-1, i-1+n, … below allTargets.
    const expected = Math.max(0, Math.ceil((allTargets - (index - 1)) / total));
    if (entry.targets.length !== expected) {
      throw new HarnessError(
        `Cannot merge ${entry.label}: shard ${index}/${total} of ${allTargets} targets should hold ${expected}, it holds ${entry.targets.length}. Was its results.json edited, or its run interrupted before the targets were planned?`,
      );
    }
    byIndex.set(index, entry);
  }
  const missing = Array.from({ length: total }, (_, i) => i + 1).filter((index) => !byIndex.has(index));
  if (missing.length > 0) {
    throw new HarnessError(
      `Cannot merge: shard${missing.length > 1 ? 's' : ''} ${missing.map((index) => `${index}/${total}`).join(', ')} ${missing.length > 1 ? 'are' : 'is'} missing, so the merged report would leave targets out. Give the report folder of every shard (did a CI job fail before uploading its reports?).`,
    );
  }
  return Array.from({ length: allTargets }, (_, position) => {
    const shard = byIndex.get((position % total) + 1)!;
    return shard.targets[Math.floor(position / total)]!;
  });
}

function earliest(times: readonly string[]): string {
  return times.reduce((a, b) => (Date.parse(b) < Date.parse(a) ? b : a));
}

function latest(times: readonly string[]): string {
  return times.reduce((a, b) => (Date.parse(b) > Date.parse(a) ? b : a));
}
