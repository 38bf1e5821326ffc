import { HarnessError } from '../common/harness-error.ts';
import type { ConfigProblem } from './config-problem.ts';

/**
 * How much config a run reads, so that a config generated wrong (a loop that wrote 130 000 targets, a
 * binary blob) is refused in one line at once instead of after half a minute and a gigabyte of parsing.
 * YAML costs about 3 s and 200 MB per MiB to parse (measured, Node 20), and a run keeps about 1.3 MB per
 * target (docs/performance.md). `run --max-config-size` and `run --max-targets` raise them.
 */
export interface ConfigLimits {
  /** The largest config file, and the largest targets file, read. Default 1 MiB (about 10 000 targets). */
  maxConfigBytes: number;
  /** The most targets one run takes. Default 1000. */
  maxTargets: number;
  /** The run is one of this many shards (`--shard i/n`): the config may hold maxTargets × shards. Default 1. */
  shards?: number;
}

export const defaultConfigLimits: Readonly<ConfigLimits> = { maxConfigBytes: 1024 * 1024, maxTargets: 1000 };

/** `1 MiB`, `512 KiB`, `300 bytes`. */
export function formatByteSize(bytes: number): string {
  if (bytes >= 1024 * 1024) return `${trim(bytes / (1024 * 1024))} MiB`;
  if (bytes >= 1024) return `${trim(bytes / 1024)} KiB`;
  return `${bytes} bytes`;
}

function trim(value: number): string {
  return Number.isInteger(value) ? String(value) : value.toFixed(1);
}

/**
 * `--max-config-size`: bytes, or a number with K or M (KiB, MiB; KB and MB are read as binary too),
 * at least 1 KiB.
 */
export function parseByteSize(text: string, flag = '--max-config-size'): number {
  const match = /^(\d+(?:\.\d+)?)\s*(|b|bytes?|k|kb|kib|m|mb|mib)$/i.exec(text.trim());
  const unit = match?.[2]?.toLowerCase() ?? '';
  const factor = unit.startsWith('k') ? 1024 : unit.startsWith('m') ? 1024 * 1024 : 1;
  const bytes = match ? Math.floor(Number(match[1]) * factor) : NaN;
  if (!Number.isFinite(bytes) || bytes < 1024) {
    throw new HarnessError(
      `Cannot use ${flag} ${JSON.stringify(text)}: give a size of at least 1K, in bytes or with K or M (1M = 1048576 bytes), e.g. ${flag} 4M.`,
    );
  }
  return bytes;
}

/** `--max-targets`: a whole number, at least 1. */
export function parseMaxTargets(text: string): number {
  const value = Number(text.trim());
  if (text.trim() === '' || !Number.isInteger(value) || value < 1) {
    throw new HarnessError(
      `Cannot use --max-targets ${JSON.stringify(text)}: it must be a whole number, 1 or more (e.g. --max-targets 5000).`,
    );
  }
  return value;
}

/** The problem of a config that declares more targets than its run takes, or undefined. */
export function targetCountProblem(
  counts: { written: number; listed: number },
  limits: ConfigLimits,
  fromFlags: boolean,
): ConfigProblem | undefined {
  const total = counts.written + counts.listed;
  const shards = limits.shards ?? 1;
  const allowed = limits.maxTargets * shards;
  if (total <= allowed) return undefined;
  const where = fromFlags ? `it lists ${total} targets` : `it declares ${total} targets`;
  const split =
    fromFlags || counts.listed === 0
      ? ''
      : ` (${counts.written} in targets, ${counts.listed} in targetsFiles)`;
  const limit =
    shards > 1
      ? `${allowed} for ${shards} shards (--max-targets ${limits.maxTargets} per shard)`
      : `${allowed} (--max-targets)`;
  return {
    path: fromFlags ? ['targetsFiles', 0, 'file'] : [],
    message: `${where}${split}, more than a run takes: ${limit}. A run keeps about 1.3 MB per target; split the list across CI jobs with --shard i/n (each takes up to --max-targets), or raise the limit, e.g. --max-targets ${Math.ceil(total / shards)}`,
  };
}

/**
 * A file larger than the limit, in one sentence about `subject` (`it`, or the file's name): its size
 * (undefined: not known, a pipe that gave more than the limit) and the flag that raises the limit.
 */
export function fileTooLargeMessage(subject: string, size: number | undefined, maxBytes: number): string {
  const limit = formatByteSize(maxBytes);
  const rounded = size === undefined ? undefined : formatByteSize(size);
  // 1053719 bytes would read "1.0 MiB" against a limit of "1 MiB": then both are given in bytes.
  const inBytes = rounded?.replace('.0 ', ' ') === limit;
  const seen = size === undefined ? `more than ${limit}` : inBytes ? `${size} bytes` : rounded;
  const suggested = Math.ceil((size ?? 2 * maxBytes) / (1024 * 1024)) + 1;
  return `${subject} is ${seen}, larger than a config or targets file may be: ${inBytes ? `${maxBytes} bytes` : limit} (--max-config-size). A thousand targets take about 100 KiB: check that it is the file you meant, or raise the limit, e.g. --max-config-size ${suggested}M`;
}
