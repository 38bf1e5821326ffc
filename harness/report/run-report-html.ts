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
/**
 * Past this many targets the page leaves out the evidence of passing scenarios (issue 21): at 1,000
 * endpoints it was 40 MB that Chromium took 7–12 s to open; failures and undecided scenarios, what a
 * reader opens the page for, keep theirs, and the matrix comes first either way.
 */
export const passingEvidenceUpToTargets = 100;

export function renderRunReportHtml(results: RunResults, title: string): string {
  return [...runReportHtmlChunks(results, title)].join('');
}

/**
 * The same page in pieces, the evidence a target at a time (issue 21): written as they come, a run of
 * a thousand targets never holds its whole report.html as one string.
 */
export function* runReportHtmlChunks(results: RunResults, title: string): Generator<string> {
  yield `${[
    '<!DOCTYPE html>',
    '<html lang="en">',
    '<head>',
    '<meta charset="utf-8">',
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    `<title>${xmlText(title)}</title>`,
    `<style>${reportHtmlStyle}</style>`,
    '</head>',
    '<body>',
  ].join('\n')}\n`;
  yield `${renderReportHeader(results)}\n<main>\n`;
  yield `${renderVerdictMatrixHtml(results)}\n`;
  yield `${renderAttentionHtml(results)}\n<section id="evidence">\n<h2>Evidence</h2>\n`;
  const passingEvidence = results.targets.length <= passingEvidenceUpToTargets;
  if (!passingEvidence)
    yield `<p>${results.targets.length} targets: each pass shows its verdict and reason here, its evidence is in results.json and junit.xml; every other verdict shows its evidence.</p>\n`;
  for (const [index, target] of results.targets.entries())
    yield `${renderTargetEvidenceHtml(target, index, { passingEvidence })}\n`;
  yield '</section>\n</main>\n</body>\n</html>\n';
}
