/**
 * What `mtls-conformance --help` lists for each command. Kept apart from the commands themselves so
 * that the CLI loads only the module of the command it runs (see commands/index.ts).
 */
export const commandSummaries = {
  run: {
    command: 'run',
    describe: 'Run the conformance suites against the configured targets and write the reports',
  },
  probe: {
    command: 'probe <url>',
    describe: 'Connect once with a client identity (or none) and explain what the server did',
  },
  fixtures: {
    command: 'fixtures',
    describe: 'Generate CAs, client and server certificates, keystores and trust bundles for mTLS tests',
  },
  scenarios: {
    command: 'scenarios',
    describe: 'List the scenario catalogue: id, suite, title, and how each expectation is derived',
  },
  init: { command: 'init', describe: 'Write a commented starter config (mtls-conformance.yaml)' },
  keystore: {
    command: 'keystore',
    describe: 'Look into a JKS or PKCS#12 keystore or truststore: aliases, chains, expiry (keystore inspect)',
  },
  report: {
    command: 'report',
    describe:
      'Work with saved results.json files: compare two runs (report diff), join shards (report merge)',
  },
  serve: {
    command: 'serve',
    describe: 'Start a mock mTLS server for manual testing and print what each connecting client presents',
  },
} as const;
