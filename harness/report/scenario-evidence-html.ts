import { evidenceContexts } from './evidence-contexts.ts';
import {
  scenarioTestTitle,
  targetErrorMessage,
  targetErrorTestTitle,
  targetSuiteTitle,
} from './mocha-titles.ts';
import { scenarioAnchor, targetAnchor } from './report-html-anchors.ts';
import { oneLine } from './printable-text.ts';
import type { ScenarioResult, TargetResult } from './run-results.ts';
import { shownVerdict, shownVerdictLabels, shownVerdictMarks } from './shown-verdict.ts';
import { xmlText } from './xml-escape.ts';

/**
 * One target's section of report.html: what it was declared to be, then each scenario as a <details>
 * whose summary is the verdict and its reason and whose body is the whole evidence (the same blocks
 * JUnit carries). Failures and undecided scenarios are open; the rest open with a click, with no script:
 * the page must work where scripts are forbidden (Jenkins' HTML Publisher).
 */
export function renderTargetEvidenceHtml(
  target: TargetResult,
  index: number,
  options: { passingEvidence?: boolean } = {},
): string {
  const passingEvidence = options.passingEvidence ?? true;
  // A large run's page lists its passes in one line, each still the anchor its matrix cell links to;
  // their evidence is in results.json and junit.xml (the page says so once, run-report-html.ts).
  const detailed = passingEvidence
    ? target.scenarios
    : target.scenarios.filter((scenario) => shownVerdict(scenario) !== 'pass');
  const passes = passingEvidence
    ? []
    : target.scenarios.filter((scenario) => shownVerdict(scenario) === 'pass');
  const declared = [
    `${target.suite} suite`,
    target.provider ? `provider ${target.provider}` : '',
    `trusts [${target.trusts.join(', ')}]`,
    target.serverCa !== undefined
      ? `serverCa ${target.serverCa}`
      : 'no serverCa (the server chain is reported, not judged)',
  ].filter(Boolean);
  return [
    `<section class="target" id="${targetAnchor(index)}">`,
    `<h2>${xmlText(targetSuiteTitle(target))}</h2>`,
    `<p>${xmlText(oneLine(declared.join(', ')))}</p>`,
    target.error !== undefined
      ? `<p class="verdict-undecided"><strong>? ${xmlText(targetErrorTestTitle(target))}</strong>: ${xmlText(targetErrorMessage({ ...target, error: target.error }))}</p>`
      : '',
    ...detailed.map((scenario) => scenarioDetails(scenario, target, index)),
    ...(passes.length === 0
      ? []
      : [
          `<p class="passes"><span class="mark verdict-pass" title="pass">✔</span> ${passes
            .map(
              (scenario) => `<span id="${scenarioAnchor(index, scenario.id)}">${xmlText(scenario.id)}</span>`,
            )
            .join(', ')}</p>`,
        ]),
    '</section>',
  ].join('\n');
}

function scenarioDetails(scenario: ScenarioResult, target: TargetResult, index: number): string {
  const shown = shownVerdict(scenario);
  const open = scenario.verdict === 'fail' ? ' open' : '';
  const evidence = evidenceContexts(scenario, target)
    .map(
      (context) =>
        `<h4>${xmlText(context.title)}</h4><pre>${xmlText(context.value.replace(/\n$/, ''))}</pre>`,
    )
    .join('');
  return [
    `<details class="scenario" id="${scenarioAnchor(index, scenario.id)}" data-verdict="${shown}"${open}>`,
    `<summary><span class="mark verdict-${shown}" title="${shownVerdictLabels[shown]}">${shownVerdictMarks[shown]}</span> `,
    `<strong>${xmlText(scenarioTestTitle(scenario))}</strong> <span class="duration">(${scenario.durationMs} ms)</span><br>`,
    `<span class="reason">${shown === 'undecided' ? 'could not decide: ' : ''}${xmlText(oneLine(scenario.reason))}</span></summary>`,
    `<div class="evidence">${evidence}</div>`,
    '</details>',
  ].join('');
}
