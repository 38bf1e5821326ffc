import type { RunResults, TargetResult } from '../report/run-results.ts';
import { countVerdicts } from '../runner/run-conformance.ts';
import { findScenario } from '../scenarios/catalogue.ts';
import { expiryReport, type ExpiryReportOptions } from './certificate-expiry.ts';
import { certificateExpiryCheck } from './certificate-expiry-check.ts';

export interface ExpiryWatchOptions {
  /** The moment days are counted from. Default: now. */
  now?: Date;
  /** `--warn-expiry-days`: add the `certificate-expiry` check to every target. Default: report only. */
  warnDays?: number;
  /** Default: the catalogue's scenarios that present the trusted identity (`presents: trusted-identity`). */
  presentsTrustedIdentity?: ExpiryReportOptions['presentsTrustedIdentity'];
}

/**
 * `results` with the expiry watch: every target that ran gets its `expiry` block, and with `warnDays`
 * also the `certificate-expiry` check as its last scenario (the summary counts it).
 */
export function applyExpiryWatch(results: RunResults, options: ExpiryWatchOptions = {}): RunResults {
  const reportOptions: ExpiryReportOptions = {
    now: options.now ?? new Date(),
    ...(options.warnDays !== undefined ? { warnDays: options.warnDays } : {}),
    presentsTrustedIdentity: options.presentsTrustedIdentity ?? presentsTrustedIdentity,
  };
  const targets = results.targets.map((target): TargetResult => {
    const expiry = expiryReport(target, reportOptions);
    if (!expiry) return target;
    const check = options.warnDays !== undefined ? [certificateExpiryCheck(expiry, options.warnDays)] : [];
    return { ...target, scenarios: [...target.scenarios, ...check], expiry };
  });
  return { ...results, targets, summary: countVerdicts(targets) };
}

function presentsTrustedIdentity(scenarioId: string): boolean {
  return findScenario(scenarioId)?.presents.kind === 'trusted-identity';
}
