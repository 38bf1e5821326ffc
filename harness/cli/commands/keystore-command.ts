import { HarnessError } from '../../common/harness-error.ts';
import { defineCommand } from '../command-module.ts';
import { commandSummaries } from './command-summaries.ts';
import { keystoreInspectCommand } from './keystore-inspect-command.ts';

/** `keystore <subcommand>`: look into Java keystores and PKCS#12 files. Each subcommand is its own file. */
export const keystoreCommand = defineCommand<Record<string, never>>({
  ...commandSummaries.keystore,
  builder: (yargs) =>
    yargs
      .demandCommand(1, 'Name a keystore subcommand: inspect.')
      .example(
        '$0 keystore inspect client.jks --passphrase-env JKS_PASS',
        'what the keystore holds',
      ) as never,
  subcommands: [keystoreInspectCommand],
  // Reached only if yargs matched no subcommand, which demandCommand already refuses.
  run: () =>
    Promise.reject(new HarnessError('Cannot run "keystore" on its own. Name a subcommand: inspect.')),
});
