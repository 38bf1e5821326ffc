import { revocationScenarios } from '../../scenarios/revocation/revocation-scenarios.ts';
import { HarnessError } from '../../common/harness-error.ts';
import { authScenarios, backendScenarios, catalogue, suiteNames } from '../../scenarios/catalogue.ts';
import { edgeScenarios } from '../../scenarios/edge/edge-scenarios.ts';
import type { Scenario } from '../../scenarios/scenario.ts';
import { defineCommand } from '../command-module.ts';
import { commandSummaries } from './command-summaries.ts';
import { ExitCode } from '../exit-codes.ts';

type Suite = Scenario['suite'];

interface ScenariosCommandOptions {
  suite: Suite | undefined;
  json: boolean;
}

/** `scenarios --json`: the catalogue as data, for other tools. Add fields freely; never rename one. */
export interface ScenarioListing {
  version: 1;
  scenarios: Array<
    Pick<Scenario, 'id' | 'suite' | 'title' | 'method' | 'presents' | 'tlsVersions' | 'derivation'>
  >;
}

export const scenariosCommand = defineCommand<ScenariosCommandOptions>({
  ...commandSummaries.scenarios,
  builder: (yargs) =>
    yargs
      .option('suite', { choices: suiteNames, describe: 'List only this suite' })
      .option('json', { type: 'boolean', default: false, describe: 'Print the catalogue as JSON on stdout' })
      .example('$0 scenarios', 'the whole catalogue, as a table')
      .example('$0 scenarios --suite server --json', 'the server suite as JSON'),
  run: (options) => {
    // yargs checks `choices` too; this keeps the refusal in the house format for library callers.
    if (options.suite !== undefined && !suiteNames.includes(options.suite)) {
      const seen = JSON.stringify(options.suite);
      throw new HarnessError(
        `Cannot list scenarios. --suite ${seen} is not a suite; allowed: ${suiteNames.join(', ')}.`,
      );
    }
    const suites = options.suite === undefined ? suiteNames : [options.suite];
    const scenarios = suites.flatMap((suite) => [...catalogue[suite], ...declarableScenarios(suite)]);
    if (options.json) process.stdout.write(`${JSON.stringify(toListing(scenarios), null, 2)}\n`);
    else process.stdout.write(renderTable(suites));
    return Promise.resolve(ExitCode.ok);
  },
});

export function toListing(scenarios: readonly Scenario[]): ScenarioListing {
  return {
    version: 1,
    scenarios: scenarios.map((scenario) => ({
      id: scenario.id,
      suite: scenario.suite,
      title: scenario.title,
      method: scenario.method,
      presents: scenario.presents,
      ...(scenario.tlsVersions !== undefined ? { tlsVersions: scenario.tlsVersions } : {}),
      derivation: scenario.derivation,
    })),
  };
}

// The auth, backend, edge and revocation sets run only on targets that declare `auth:`, `backend:`,
// `sharedWith` or `resumption`, or `revocation:`, so they are listed apart from the catalogue.
function declarableScenarios(suite: Suite): readonly Scenario[] {
  return declarableSets(suite).flatMap((set) => set.scenarios);
}

function declarableSets(suite: Suite): { block: string; scenarios: readonly Scenario[] }[] {
  if (suite !== 'server') return [];
  return [
    { block: 'auth', scenarios: authScenarios },
    { block: 'backend', scenarios: backendScenarios },
    { block: 'sharedWith or resumption', scenarios: edgeScenarios },
    { block: 'revocation', scenarios: revocationScenarios },
  ];
}

function renderTable(suites: readonly Suite[]): string {
  const ids = suites.flatMap((suite) =>
    [...catalogue[suite], ...declarableScenarios(suite)].map((scenario) => scenario.id),
  );
  const width = Math.max('ID'.length, ...ids.map((id) => id.length)) + 2;
  const pad = ' '.repeat(width);
  const lines: string[] = [];
  for (const suite of suites) {
    const scenarios = catalogue[suite];
    if (scenarios.length === 0) {
      lines.push(`Suite ${suite}: no scenarios in this version.`, '');
      continue;
    }
    lines.push(
      `Suite ${suite}: ${scenarios.length} scenarios`,
      '',
      `${'ID'.padEnd(width)}TITLE`,
      `${pad}expected: how it follows from the target's declaration`,
    );
    for (const scenario of scenarios) {
      lines.push(`${scenario.id.padEnd(width)}${scenario.title}`, `${pad}expected: ${scenario.derivation}`);
    }
    lines.push('');
    for (const { block, scenarios: declarable } of declarableSets(suite)) {
      lines.push(
        `Suite ${suite}, added for targets that declare ${block}: ${declarable.length} scenarios`,
        '',
      );
      for (const scenario of declarable) {
        lines.push(`${scenario.id.padEnd(width)}${scenario.title}`, `${pad}expected: ${scenario.derivation}`);
      }
      lines.push('');
    }
  }
  lines.push(
    'Per target, the config can run only some (scenarios.only), skip one with a reason (scenarios.skip)',
    'or replace an expectation with a reason (scenarios.expect): see docs/config-reference.md.',
  );
  return `${lines.join('\n')}\n`;
}
