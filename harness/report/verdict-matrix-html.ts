import { describeTotals } from './describe-totals.ts';
import { targetStartFailure } from './mocha-titles.ts';
import type { RunResults, TargetResult, Verdict } from './run-results.ts';
import { xmlAttribute, xmlText } from './xml-escape.ts';

/**
 * The targets × scenarios matrix at the top of report.html, one table per suite: the page mochawesome
 * renders lists each target's tests one under another, which answers "what failed?" but not "which
 * targets refuse tpp2?" at a glance. Static HTML with inline styles (the page stays self-contained and
 * fetches nothing); every name and reason is escaped, since targets and servers choose those texts.
 * Each cell's tooltip is the verdict's reason.
 */
export function renderVerdictMatrixHtml(results: RunResults): string {
  const suites = [...new Set(results.targets.map((target) => target.suite))];
  const tables = suites.map((suite) => {
    const targets = results.targets.filter((target) => target.suite === suite);
    const ids = [...new Set(targets.flatMap((target) => target.scenarios.map((scenario) => scenario.id)))];
    const head = ids.map(
      (id) => `<th style="${headStyle}"><span style="${verticalStyle}">${xmlText(id)}</span></th>`,
    );
    const rows = targets.map(
      (target) => `<tr><th style="${nameStyle}">${xmlText(target.name)}</th>${cells(target, ids)}</tr>`,
    );
    return [
      `<table data-suite="${xmlAttribute(suite)}" style="border-collapse:collapse;margin:8px 0 16px">`,
      `<caption style="text-align:left;font-weight:600;padding:4px 0">${xmlText(suite)} suite</caption>`,
      `<thead><tr><th></th>${head.join('')}</tr></thead>`,
      `<tbody>${rows.join('')}</tbody>`,
      '</table>',
    ].join('');
  });
  return [
    `<section id="mtlsc-matrix" style="${sectionStyle}">`,
    `<h2 style="font-size:18px;margin:0 0 4px">Targets × scenarios</h2>`,
    // The tool that judged, as results.json records it (a merged or saved run keeps its own).
    `<p data-tool-version="${xmlAttribute(results.tool.version)}" style="margin:0 0 4px;color:#616161">`,
    `${xmlText(`${results.tool.name} ${results.tool.version}`)}</p>`,
    `<p style="margin:0 0 4px">${xmlText(describeTotals(results))}${results.interrupted ? ' (interrupted)' : ''}. `,
    `${symbols.pass} pass, ${symbols.fail} fail, ${symbols.skip} skipped, ${symbols['not-run']} not run; `,
    'hover a cell for its reason, and find its evidence below.</p>',
    ...tables,
    '</section>',
  ].join('');
}

const symbols: Record<Verdict, string> = { pass: '✔', fail: '✘', skip: '–', 'not-run': '·' };
const colours: Record<Verdict, string> = {
  pass: '#2e7d32',
  fail: '#c62828',
  skip: '#757575',
  'not-run': '#9e9e9e',
};

// mochawesome's navigation bar is fixed at the top of the page: the section starts below it.
const sectionStyle =
  'max-width:1170px;margin:0 auto;padding:72px 15px 0;font-family:Roboto,Helvetica,Arial,sans-serif;font-size:14px;color:#212121';
const headStyle = 'padding:2px 4px;vertical-align:bottom;font-weight:400;font-size:12px';
const verticalStyle = 'writing-mode:vertical-rl;transform:rotate(180deg);white-space:nowrap';
const nameStyle = 'text-align:left;padding:2px 8px 2px 0;font-weight:500;white-space:nowrap';

function cells(target: TargetResult, ids: readonly string[]): string {
  if (target.error !== undefined) {
    return `<td colspan="${ids.length}" style="color:${colours.fail};padding:2px 4px">${xmlText(targetStartFailure(target.error))}</td>`;
  }
  return ids
    .map((id) => {
      const scenario = target.scenarios.find((candidate) => candidate.id === id);
      if (!scenario) return '<td style="padding:2px 4px;text-align:center;color:#bdbdbd">·</td>';
      const tip = `${id}: ${scenario.verdict}: ${scenario.reason}`;
      return `<td title="${xmlAttribute(tip)}" data-verdict="${scenario.verdict}" style="padding:2px 4px;text-align:center;color:${colours[scenario.verdict]}">${symbols[scenario.verdict]}</td>`;
    })
    .join('');
}
