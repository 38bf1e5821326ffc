import type { Observation } from '../probe/observation.ts';
import type { ScenarioResult } from '../report/run-results.ts';

/**
 * A table cell for what one probe saw: how the gateway answered, in words that stay the same from run
 * to run (no ports, no timings; a close and a reset without an alert read alike, since which of the two
 * a client sees depends on timing when the server hangs up with data unread).
 */
export function summarizeObservation(observation: Observation): string {
  if (observation.outcome === 'accepted') {
    return observation.http ? `accepted, HTTP ${observation.http.status}` : 'accepted';
  }
  if (observation.outcome === 'error') return `? could not decide: ${undecidedWhy(observation)}`;
  const after = observation.stage === 'after-handshake' ? ', after handshake' : '';
  if (observation.alert) return `alert ${observation.alert.code} ${observation.alert.name}${after}`;
  if (observation.http) {
    const said = /"([^"]+)"/.exec(observation.reason)?.[1];
    return `HTTP ${observation.http.status}${said === undefined ? '' : ` "${said}"`}`;
  }
  return `closed, no alert${after}`;
}

/**
 * A table cell for a scenario: the observation that decided it (for one of several probes, each
 * version's when they differ), or the reason when nothing was probed.
 */
export function summarizeScenario(scenario: ScenarioResult): string {
  if (scenario.verdict === 'skip' || scenario.verdict === 'not-run') return scenario.reason;
  const steps = (scenario.steps ?? []).filter((step) => step.observation !== null);
  if (steps.length > 1) {
    const seen = steps.map((step) => `${step.label}: ${summarizeObservation(step.observation!)}`);
    const unique = new Set(steps.map((step) => summarizeObservation(step.observation!)));
    return unique.size === 1 ? summarizeObservation(steps[0]!.observation!) : seen.join('; ');
  }
  return scenario.observed === null ? scenario.reason : summarizeObservation(scenario.observed);
}

function undecidedWhy(observation: Observation): string {
  if (observation.closedBeforeTls) return 'connection closed before any TLS data';
  // Ports differ from run to run.
  return observation.reason.replace(/127\.0\.0\.1:\d+/g, '127.0.0.1').split(';')[0] ?? observation.reason;
}
