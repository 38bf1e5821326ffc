// mochawesome-report-generator (marge) ships no type declarations; these cover what report/ uses.
// Options as in its lib/options.js; each falls back to a MOCHAWESOME_<NAME> environment variable.
declare module 'mochawesome-report-generator' {
  interface MargeOptions {
    /** One-letter names of reportDir, reportFilename, reportTitle, reportPageTitle, inline. */
    o: string;
    f: string;
    t: string;
    p: string;
    i: boolean;
    reportDir: string;
    /** File name without extension. */
    reportFilename: string;
    reportTitle: string;
    reportPageTitle: string;
    /** Inline the scripts, styles and fonts into the HTML. */
    inline: boolean;
    cdn: boolean;
    dev: boolean;
    charts: boolean;
    code: boolean;
    saveJson: boolean;
    saveHtml: boolean;
    autoOpen: boolean;
    overwrite: boolean;
    /** false: no timestamp appended to the file name. */
    timestamp: string | false;
    showPassed: boolean;
    showFailed: boolean;
    showPending: boolean;
    showSkipped: boolean;
    showHooks: 'always' | 'never' | 'failed' | 'context';
  }

  const marge: {
    /** Writes the report; resolves with [html file, json file], null for a file not written. */
    create(data: unknown, options: Partial<MargeOptions>): Promise<[string | null, string | null]>;
  };
  export default marge;
}
