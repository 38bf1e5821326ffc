import marge from 'mochawesome-report-generator';
import type { MochawesomeReport } from './mochawesome-report.ts';

/** Where and under which title one HTML report is written. */
export interface HtmlReportTarget {
  dir: string;
  /** File name without `.html`. */
  fileName: string;
  title: string;
}

/** Writes an HTML report of a mochawesome JSON and resolves with the file's path. */
export type HtmlReportRenderer = (report: MochawesomeReport, target: HtmlReportTarget) => Promise<string>;

/**
 * One self-contained HTML page (scripts, styles and fonts inline; nothing fetched when opened) made by
 * mochawesome-report-generator, the renderer the mochawesome reporter itself calls.
 */
export const renderMochawesomeHtml: HtmlReportRenderer = async (report, target) => {
  // Every option is set, because marge reads a MOCHAWESOME_<NAME> environment variable for any option
  // left out: MOCHAWESOME_CDN=true would make the page load its scripts from unpkg.com. Options with a
  // one-letter name are looked up by that name first (MOCHAWESOME_O before the reportDir alias).
  const [html] = await marge.create(report, {
    o: target.dir,
    f: target.fileName,
    t: target.title,
    p: target.title,
    i: true,
    reportDir: target.dir,
    reportFilename: target.fileName,
    reportTitle: target.title,
    reportPageTitle: target.title,
    inline: true,
    cdn: false,
    dev: false,
    charts: false,
    code: false,
    saveJson: false,
    saveHtml: true,
    autoOpen: false,
    overwrite: true,
    timestamp: false,
    showPassed: true,
    showFailed: true,
    showPending: true,
    // Scenarios that never ran (an interrupted run) are mochawesome's "skipped": show them.
    showSkipped: true,
    showHooks: 'failed',
  });
  if (!html) throw new Error(`mochawesome-report-generator wrote no HTML file in ${target.dir}`);
  return html;
};
