import { renderAttentionHtml } from './report-html-attention.ts';
import { renderReportHeader } from './report-html-header.ts';
import { reportHtmlStyle } from './report-html-style.ts';
import type { RunResults } from './run-results.ts';
import { renderTargetEvidenceHtml } from './scenario-evidence-html.ts';
import { renderVerdictMatrixHtml } from './verdict-matrix-html.ts';
import { xmlText } from './xml-escape.ts';

/**
 * report.html of a run: one self-contained page of static HTML, made from the results alone (so a run,
 * a merge of shards and a saved results.json give the same page). No script at all, and nothing
 * fetched: it reads the same with JavaScript off and under a CSP that forbids scripts and inline
 * styles (Jenkins' HTML Publisher), where a client-rendered page would show nothing but its shell.
 * In order: the run and each target's declaration, the matrix (each cell a link to its evidence),
 * what needs attention, then every scenario's evidence, failures open.
 */
export function renderRunReportHtml(results: RunResults, title: string): string {
  return [
    '<!DOCTYPE html>',
    '<html lang="en">',
    '<head>',
    '<meta charset="utf-8">',
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    `<title>${xmlText(title)}</title>`,
    `<style>${reportHtmlStyle}</style>`,
    '</head>',
    '<body>',
    renderReportHeader(results),
    '<main>',
    renderVerdictMatrixHtml(results),
    renderAttentionHtml(results),
    '<section id="evidence">',
    '<h2>Evidence</h2>',
    ...results.targets.map(renderTargetEvidenceHtml),
    '</section>',
    '</main>',
    '</body>',
    '</html>',
    '',
  ].join('\n');
}
