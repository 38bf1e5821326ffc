import { HarnessError } from '../common/harness-error.ts';
import type { ShardInfo } from '../report/run-results.ts';

export type { ShardInfo };

/** The largest `n` of `--shard i/n`: more CI jobs than this is a typo, not a plan. */
const maxShards = 1024;

/** Parses `--shard i/n` (`2/4`); throws a one-line HarnessError naming the value and the fix. */
export function parseShard(value: string): { index: number; total: number } {
  const match = /^\s*(\d+)\s*\/\s*(\d+)\s*$/.exec(value);
  const cannot = (why: string) =>
    new HarnessError(
      `Cannot use --shard ${JSON.stringify(value)}: ${why}. Write INDEX/TOTAL with 1 ≤ INDEX ≤ TOTAL ≤ ${maxShards}, e.g. --shard 2/4 (GitHub: \${{ matrix.shard }}/4; GitLab: $CI_NODE_INDEX/$CI_NODE_TOTAL).`,
    );
  if (!match) throw cannot('it is not INDEX/TOTAL');
  const index = Number(match[1]);
  const total = Number(match[2]);
  if (total < 1 || total > maxShards) throw cannot(`TOTAL must be 1 to ${maxShards}`);
  if (index < 1 || index > total) throw cannot(`INDEX must be 1 to ${total} (shards count from 1)`);
  return { index, total };
}

/**
 * The targets of one shard: every `total`-th target from position `index`-1, in config order.
 *
 * By position rather than by a hash of the name: round-robin gives shards whose sizes differ by at most
 * one (a hash leaves some CI jobs idle and others twice as long on a list of tens), needs no hashing
 * scheme to keep compatible, and lets `report merge` restore config order by interleaving the shards.
 * Every job of one CI pipeline reads the same config, so positions are stable where it matters; a
 * target list edited between pipelines moves targets between shards, which changes nothing in the
 * merged report.
 */
export function selectShard<T>(targets: readonly T[], shard: { index: number; total: number }): T[] {
  return targets.filter((_, position) => position % shard.total === shard.index - 1);
}
