import type { RunResults, ScenarioResult, TargetResult } from '../report/run-results.ts';
import { classifyScenarioChange, type ReasonNormalizer } from './classify-scenario-change.ts';
import { defaultFailOn, diffCategories, type DiffCategory } from './diff-category.ts';
import type { Difference, FieldChange, RunDiff, RunReference } from './run-diff.ts';
import { scenarioSnapshot } from './scenario-snapshot.ts';
import { serverChainChanges, shortFingerprint, targetServerChain } from './server-chain-changes.ts';

export interface DiffRunsOptions {
  /** Categories that fail the gate. Default `defaultFailOn`: newly-accepted and newly-rejected. */
  failOn?: readonly DiffCategory[];
  /** The results.json files the runs were read from, recorded in the diff. Default: none recorded. */
  files?: { baseline?: string; current?: string };
}

type Found = Omit<Difference, 'failsGate'>;

/**
 * Compares a run with a baseline run: targets matched by name, scenarios by id. A target that could
 * not be started counts as every scenario observing `error`, so accepted clients that no longer get in
 * are reported newly-rejected, not merely "removed". See classifyScenarioChange for the categories of
 * a scenario in both runs.
 */
export function diffRuns(baseline: RunResults, current: RunResults, options: DiffRunsOptions = {}): RunDiff {
  const wanted = options.failOn ?? defaultFailOn;
  const failOn = diffCategories.filter((category) => wanted.includes(category));
  const found: Found[] = [];
  let unchanged = 0;
  const currentNames = new Set(current.targets.map((target) => target.name));
  for (const target of current.targets) {
    const earlier = baseline.targets.find((candidate) => candidate.name === target.name);
    if (!earlier) {
      found.push(targetAdded(target));
      continue;
    }
    const compared = diffTarget(earlier, target);
    found.push(...compared.differences);
    unchanged += compared.unchanged;
  }
  for (const earlier of baseline.targets) {
    if (!currentNames.has(earlier.name)) found.push(targetRemoved(earlier));
  }
  const differences = found.map((difference) => ({
    ...difference,
    failsGate: failOn.includes(difference.category),
  }));
  const counts = Object.fromEntries(diffCategories.map((category) => [category, 0])) as Record<
    DiffCategory,
    number
  >;
  for (const difference of differences) counts[difference.category] += 1;
  return {
    version: 1,
    tool: current.tool,
    baseline: reference(baseline, options.files?.baseline),
    current: reference(current, options.files?.current),
    gate: { failOn, failed: differences.some((difference) => difference.failsGate) },
    counts,
    unchanged,
    differences,
  };
}

function diffTarget(before: TargetResult, after: TargetResult): { differences: Found[]; unchanged: number } {
  const differences: Found[] = [];
  const chainChanges = serverChainChanges(targetServerChain(before), targetServerChain(after));
  if (chainChanges.length > 0) {
    differences.push({
      category: 'server-chain-changed',
      target: after.name,
      summary: `server certificate changed: ${chainChanges.map(describeChainChange).join('; ')}`,
      changes: chainChanges,
    });
  }
  const normalize = reasonNormalizer(before, after);
  let unchanged = 0;
  const ids = [
    ...after.scenarios.map((scenario) => scenario.id),
    ...before.scenarios.map((scenario) => scenario.id).filter((id) => !findScenario(after, id)),
  ];
  for (const id of ids) {
    const was = findScenario(before, id);
    const now = findScenario(after, id);
    if (was && now) {
      const changes = scenarioDifferences(after.name, was, now, normalize);
      if (changes.length === 0) unchanged += 1;
      differences.push(...changes);
    } else if (now) {
      // Only in this run: new, unless the baseline's target did not start (every probe an error then).
      differences.push(
        ...(before.error !== undefined
          ? scenarioDifferences(after.name, notStarted(now, before), now, normalize)
          : [scenarioAdded(after.name, now)]),
      );
    } else if (was) {
      differences.push(
        ...(after.error !== undefined
          ? scenarioDifferences(after.name, was, notStarted(was, after), normalize)
          : [scenarioRemoved(after.name, was)]),
      );
    }
  }
  return { differences, unchanged };
}

function scenarioDifferences(
  target: string,
  was: ScenarioResult,
  now: ScenarioResult,
  normalize: ReasonNormalizer,
): Found[] {
  return classifyScenarioChange(was, now, normalize).map(({ category, summary, step, changes }) => ({
    category,
    target,
    scenario: { id: now.id, title: now.title },
    ...(step !== undefined ? { step } : {}),
    summary,
    ...(changes !== undefined ? { changes } : {}),
    before: scenarioSnapshot(was),
    after: scenarioSnapshot(now),
  }));
}

function scenarioAdded(target: string, now: ScenarioResult): Found {
  return {
    category: 'scenario-added',
    target,
    scenario: { id: now.id, title: now.title },
    summary: `new in this run: ${now.verdict}: ${now.reason}`,
    after: scenarioSnapshot(now),
  };
}

function scenarioRemoved(target: string, was: ScenarioResult): Found {
  return {
    category: 'scenario-removed',
    target,
    scenario: { id: was.id, title: was.title },
    summary: `not in this run; was ${was.verdict}: ${was.reason}`,
    before: scenarioSnapshot(was),
  };
}

function findScenario(target: TargetResult, id: string): ScenarioResult | undefined {
  return target.scenarios.find((scenario) => scenario.id === id);
}

/** `like` as a target that did not start would have it: nothing reached, every probe an error. */
function notStarted(like: ScenarioResult, target: TargetResult): ScenarioResult {
  const reason = `the target did not start: ${target.error ?? 'no reason given'}`;
  return {
    id: like.id,
    title: like.title,
    expected: like.expected,
    expectationBasis: like.expectationBasis,
    observed: {
      url: target.url,
      outcome: 'error',
      stage: 'tcp',
      reason,
      acceptableCaNames: { obtained: false, why: reason },
      timings: { totalMs: 0 },
    },
    verdict: 'fail',
    reason,
    durationMs: 0,
  };
}

// Started targets get a new port every run, and reasons may name it (`cannot connect to
// 127.0.0.1:40123`): compare them with each side's own host:port blanked out.
function reasonNormalizer(before: TargetResult, after: TargetResult): ReasonNormalizer {
  const hosts = { before: hostOf(before.url), after: hostOf(after.url) };
  return (reason, side) => {
    const host = hosts[side];
    return host ? reason.replaceAll(host, '<target>') : reason;
  };
}

function hostOf(url: string): string | undefined {
  try {
    return new URL(url).host || undefined;
  } catch {
    return undefined;
  }
}

function describeChainChange(change: FieldChange): string {
  switch (change.field) {
    case 'leaf-fingerprint':
      return `leaf fingerprint ${shortFingerprint(change.before ?? '')} → ${shortFingerprint(change.after ?? '')}`;
    case 'leaf-issuer':
      return `leaf issuer ${change.before} → ${change.after}`;
    case 'leaf-not-after':
      return `leaf notAfter ${change.before} → ${change.after}`;
    default:
      return `rest of the chain ${change.before} → ${change.after}`;
  }
}

function targetAdded(target: TargetResult): Found {
  const failing = target.scenarios.filter((scenario) => scenario.verdict === 'fail').length;
  return {
    category: 'target-added',
    target: target.name,
    summary:
      target.error !== undefined
        ? `new target at ${target.url}; it did not start: ${target.error}`
        : `new target at ${target.url}: ${target.scenarios.length} scenarios, ${failing} failing`,
  };
}

function targetRemoved(target: TargetResult): Found {
  return {
    category: 'target-removed',
    target: target.name,
    summary: `not in this run; the baseline has it at ${target.url} with ${target.scenarios.length} scenarios`,
  };
}

function reference(results: RunResults, file: string | undefined): RunReference {
  return {
    ...(file !== undefined ? { file } : {}),
    startedAt: results.startedAt,
    finishedAt: results.finishedAt,
    toolVersion: results.tool.version,
    interrupted: results.interrupted,
  };
}
