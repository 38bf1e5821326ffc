// The page's one stylesheet, inline so report.html stays one self-contained file. Nothing depends on
// it: under a Content-Security-Policy without 'unsafe-inline' styles (Jenkins' HTML Publisher default:
// `sandbox; default-src 'none'; img-src 'self'; style-src 'self'`) the page is plain HTML that still
// reads in order, with its tables, links and <details>. Evidence wraps (`pre-wrap`, `anywhere`): a
// certificate subject is longer than any screen and must not be cut.
export const reportHtmlStyle = `
:root { color-scheme: light; --pass: #2e7d32; --fail: #c62828; --undecided: #b26a00; --skip: #757575; --line: #e0e0e0; }
* { box-sizing: border-box; }
body { margin: 0; font: 14px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, Helvetica, Arial, sans-serif; color: #212121; background: #fafafa; }
header { background: #fff; border-bottom: 1px solid var(--line); }
header > div, main { max-width: 1200px; margin: 0 auto; padding: 16px 20px; }
h1 { font-size: 20px; margin: 0 0 4px; }
h2 { font-size: 17px; margin: 24px 0 8px; }
h3 { font-size: 15px; margin: 0; }
h4 { font-size: 13px; margin: 10px 0 2px; color: #424242; }
.totals { font-size: 16px; font-weight: 600; margin: 0 0 8px; }
.totals.ok { color: var(--pass); } .totals.not-ok { color: var(--fail); }
dl.run-facts { display: grid; grid-template-columns: max-content 1fr; gap: 2px 12px; margin: 0 0 12px; }
dl.run-facts dt { color: #616161; } dl.run-facts dd { margin: 0; }
table { border-collapse: collapse; }
table.declarations { width: 100%; margin: 4px 0 8px; background: #fff; }
table.declarations th, table.declarations td { text-align: left; padding: 3px 8px; border-bottom: 1px solid var(--line); vertical-align: top; overflow-wrap: anywhere; }
caption { text-align: left; font-weight: 600; padding: 4px 0; }
table.matrix th.id { padding: 2px 3px; vertical-align: bottom; font-weight: 400; font-size: 12px; }
table.matrix th.id span { writing-mode: vertical-rl; transform: rotate(180deg); white-space: nowrap; }
table.matrix th.name { text-align: left; padding: 2px 10px 2px 0; font-weight: 500; white-space: nowrap; }
table.matrix td { padding: 0; text-align: center; min-width: 22px; }
table.matrix td a, table.matrix td span { display: block; padding: 2px 4px; text-decoration: none; }
.verdict-pass { color: var(--pass); } .verdict-fail { color: var(--fail); }
.verdict-undecided { color: var(--undecided); } .verdict-skip, .verdict-not-run { color: var(--skip); }
td.target-error { text-align: left; padding: 2px 4px; }
ul.attention { padding-left: 20px; } ul.attention li { margin: 6px 0; overflow-wrap: anywhere; }
ul.attention .cause, ul.attention .reproduce { color: #424242; }
section.target { background: #fff; border: 1px solid var(--line); border-radius: 4px; padding: 8px 14px 12px; margin: 16px 0; }
section.target > p { margin: 2px 0; color: #424242; overflow-wrap: anywhere; }
details.scenario { border-top: 1px solid var(--line); padding: 4px 0; }
details.scenario > summary { cursor: pointer; overflow-wrap: anywhere; }
details.scenario > summary .mark { display: inline-block; width: 1.4em; font-weight: 700; }
details.scenario > summary .reason { color: #616161; }
details.scenario[data-verdict="fail"] > summary .reason { color: var(--fail); }
details.scenario[data-verdict="undecided"] > summary .reason { color: var(--undecided); }
details.scenario[open] { padding-bottom: 10px; }
details.scenario:target, details.scenario:target > summary { background: #fff8e1; }
.evidence { margin: 4px 0 0 1.4em; }
.evidence pre { margin: 0; padding: 6px 8px; background: #f5f5f5; border-radius: 3px; font: 12px/1.4 ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; white-space: pre-wrap; overflow-wrap: anywhere; }
`;
