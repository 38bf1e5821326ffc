import { scenarioAnchor, targetAnchor } from './report-html-anchors.ts';
import { oneLine } from './printable-text.ts';
import type { RunResults, TargetResult } from './run-results.ts';
import { shownVerdict, shownVerdictLabels, shownVerdictMarks, type ShownVerdict } from './shown-verdict.ts';
import { xmlAttribute, xmlText } from './xml-escape.ts';

/**
 * The targets × scenarios matrix of report.html, one table per suite: it answers "which targets
 * refuse tpp2?" at a glance. Each cell is a link to that scenario's evidence further down the page,
 * its tooltip the verdict's reason. Static HTML: it needs no script and no style to work. Every name
 * and reason is escaped, since targets and servers choose those texts.
 */
export function renderVerdictMatrixHtml(results: RunResults): string {
  const suites = [...new Set(results.targets.map((target) => target.suite))];
  const tables = suites.map((suite) => {
    const targets = results.targets
      .map((target, index) => ({ target, index }))
      .filter(({ target }) => target.suite === suite);
    const ids = [
      ...new Set(targets.flatMap(({ target }) => target.scenarios.map((scenario) => scenario.id))),
    ];
    const head = ids.map((id) => `<th class="id" scope="col"><span>${xmlText(id)}</span></th>`);
    const rows = targets.map(
      ({ target, index }) =>
        `<tr><th class="name" scope="row"><a href="#${targetAnchor(index)}">${xmlText(oneLine(target.name))}</a></th>${cells(target, index, ids)}</tr>`,
    );
    return [
      `<table class="matrix" data-suite="${xmlAttribute(suite)}">`,
      `<caption>${xmlText(suite)} suite</caption>`,
      `<thead><tr><th></th>${head.join('')}</tr></thead>`,
      `<tbody>${rows.join('')}</tbody>`,
      '</table>',
    ].join('');
  });
  const legend = (Object.keys(shownVerdictLabels) as ShownVerdict[])
    .map(
      (verdict) =>
        `<span class="verdict-${verdict}">${shownVerdictMarks[verdict]}</span> ${shownVerdictLabels[verdict]}`,
    )
    .join(', ');
  return [
    '<section id="matrix">',
    '<h2>Targets × scenarios</h2>',
    `<p>${legend}. Each mark links to its evidence below; hover it for the reason.</p>`,
    ...tables,
    '</section>',
  ].join('\n');
}

function cells(target: TargetResult, targetIndex: number, ids: readonly string[]): string {
  if (target.error !== undefined) {
    const what = target.provider === 'url' ? 'unreachable' : 'did not start';
    return `<td colspan="${Math.max(1, ids.length)}" class="target-error" data-verdict="undecided"><a class="verdict-undecided" href="#${targetAnchor(targetIndex)}" title="${xmlAttribute(oneLine(target.error))}">? ${what}</a></td>`;
  }
  return ids
    .map((id) => {
      const scenario = target.scenarios.find((candidate) => candidate.id === id);
      if (!scenario) return '<td class="not-run"><span>&nbsp;</span></td>';
      const shown = shownVerdict(scenario);
      const tip = oneLine(`${id}: ${shownVerdictLabels[shown]}: ${scenario.reason}`);
      return `<td data-verdict="${shown}"><a class="verdict-${shown}" href="#${scenarioAnchor(targetIndex, id)}" title="${xmlAttribute(tip)}">${shownVerdictMarks[shown]}</a></td>`;
    })
    .join('');
}
