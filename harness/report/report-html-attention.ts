import { targetErrorMessage } from './mocha-titles.ts';
import { scenarioAnchor, targetAnchor } from './report-html-anchors.ts';
import { oneLine } from './printable-text.ts';
import type { RunResults } from './run-results.ts';
import { shownVerdict, shownVerdictMarks } from './shown-verdict.ts';
import { xmlText } from './xml-escape.ts';

/**
 * What needs a person, first: every failure and undecided scenario, and every target that did not
 * start or could not be reached, each a link to its evidence, with its likely cause and the command
 * that reproduces it. Empty when every expectation was met.
 */
export function renderAttentionHtml(results: RunResults): string {
  const items: string[] = [];
  results.targets.forEach((target, index) => {
    const name = xmlText(oneLine(target.name));
    if (target.error !== undefined) {
      items.push(
        `<li><a class="verdict-undecided" href="#${targetAnchor(index)}">? ${name}</a>: ${xmlText(targetErrorMessage({ ...target, error: target.error }))}</li>`,
      );
    }
    for (const scenario of target.scenarios) {
      if (scenario.verdict !== 'fail') continue;
      const shown = shownVerdict(scenario);
      const label = shown === 'undecided' ? ' (could not decide)' : '';
      items.push(
        [
          `<li>`,
          `<a class="verdict-${shown}" href="#${scenarioAnchor(index, scenario.id)}">${shownVerdictMarks[shown]} ${name} › ${xmlText(oneLine(scenario.id))}</a>${label}: ${xmlText(oneLine(scenario.reason))}`,
          scenario.likelyCause
            ? `<br><span class="cause">likely cause: ${xmlText(oneLine(scenario.likelyCause))}</span>`
            : '',
          scenario.reproduce
            ? `<br><span class="reproduce">reproduce: <code>${xmlText(oneLine(scenario.reproduce))}</code></span>`
            : '',
          '</li>',
        ].join(''),
      );
    }
  });
  if (items.length === 0) return '';
  return [
    '<section id="attention">',
    '<h2>Needs attention</h2>',
    '<ul class="attention">',
    ...items,
    '</ul>',
    '</section>',
  ].join('\n');
}
