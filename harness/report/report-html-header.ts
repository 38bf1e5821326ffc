import { describeTotals } from './describe-totals.ts';
import { targetAnchor } from './report-html-anchors.ts';
import { oneLine } from './printable-text.ts';
import type { RunResults, TargetResult } from './run-results.ts';
import { xmlAttribute, xmlText } from './xml-escape.ts';

/**
 * The top of report.html: the totals, when the run was made and by which tool version, and what each
 * target was declared to be (suite, provider, trusts, serverCa): the basis of every expectation, which
 * a reviewer checks before reading any verdict.
 */
export function renderReportHeader(results: RunResults): string {
  const ok = results.summary.fail === 0 && !results.targets.some((target) => target.error !== undefined);
  const facts: Array<[string, string]> = [
    ['Run', `${results.startedAt} → ${results.finishedAt} (${seconds(results)})`],
    ['Tool', `${results.tool.name} ${results.tool.version}`],
    ...(results.shard
      ? [
          [
            'Shard',
            `${results.shard.index} of ${results.shard.total} (${results.shard.allTargets} targets in all)`,
          ] as [string, string],
        ]
      : []),
    ...(results.interrupted
      ? [['Interrupted', 'yes: scenarios not started by then are marked not run'] as [string, string]]
      : []),
  ];
  return [
    '<header><div>',
    '<h1>mtls-conformance report</h1>',
    `<p class="totals ${ok ? 'ok' : 'not-ok'}">${xmlText(describeTotals(results))}</p>`,
    `<dl class="run-facts">${facts.map(([term, value]) => `<dt>${xmlText(term)}</dt><dd>${xmlText(value)}</dd>`).join('')}</dl>`,
    '<table class="declarations">',
    '<caption>Targets, as declared</caption>',
    '<thead><tr><th>target</th><th>suite</th><th>provider</th><th>URL</th><th>trusts</th><th>serverCa</th><th>started</th></tr></thead>',
    `<tbody>${results.targets.map(declarationRow).join('')}</tbody>`,
    '</table>',
    '</div></header>',
  ].join('\n');
}

function declarationRow(target: TargetResult, index: number): string {
  const cells = [
    `<a href="#${targetAnchor(index)}">${xmlText(oneLine(target.name))}</a>`,
    xmlText(target.suite),
    xmlText(target.provider ?? '(not recorded)'),
    `<code>${xmlText(oneLine(target.url))}</code>`,
    xmlText(`[${target.trusts.join(', ')}]`),
    xmlText(target.serverCa ?? 'not declared: the server chain is not judged'),
    started(target),
  ];
  return `<tr>${cells.map((cell) => `<td>${cell}</td>`).join('')}</tr>`;
}

function started(target: TargetResult): string {
  if (target.error !== undefined) {
    const what = target.provider === 'url' ? 'unreachable' : 'did not start';
    return `<span class="verdict-undecided" title="${xmlAttribute(target.error)}">? ${what}</span>`;
  }
  if (target.provider === 'url') return 'not started by the harness';
  return target.startMs === undefined ? '' : xmlText(`ready in ${target.startMs} ms`);
}

function seconds(results: RunResults): string {
  const ms = Date.parse(results.finishedAt) - Date.parse(results.startedAt);
  return Number.isFinite(ms) && ms >= 0 ? `${(ms / 1000).toFixed(2)} s` : 'duration unknown';
}
