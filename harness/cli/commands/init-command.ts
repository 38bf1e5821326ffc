import { mkdir, stat } from 'node:fs/promises';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { writeFileAtomic } from '../../common/atomic-write.ts';
import { HarnessError } from '../../common/harness-error.ts';
import { packageRoot } from '../../common/package-root.ts';
import { starterConfigText } from '../../config/starter-config.ts';
import { defineCommand } from '../command-module.ts';
import { commandSummaries } from './command-summaries.ts';
import { ExitCode } from '../exit-codes.ts';

interface InitCommandOptions {
  out: string;
  force: boolean;
}

export const initCommand = defineCommand<InitCommandOptions>({
  ...commandSummaries.init,
  builder: (yargs) =>
    yargs
      .option('out', {
        type: 'string',
        default: 'mtls-conformance.yaml',
        describe: 'Where to write the config',
      })
      .option('force', { type: 'boolean', default: false, describe: 'Overwrite the file if it exists' })
      .example('$0 init', 'write mtls-conformance.yaml here')
      .example(
        '$0 init --out ci/mtls-conformance.yaml --force',
        'write (or replace) it elsewhere; the folder is created',
      ),
  run: async (options) => {
    const target = resolve(options.out);
    await refuseUnwritable(options.out, target, options.force);
    try {
      await mkdir(dirname(target), { recursive: true });
      await writeFileAtomic(target, starterConfigText(schemaReference(target)));
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code ?? String(error);
      const why =
        code === 'ENOTDIR' || code === 'EEXIST'
          ? `A folder on its path, ${dirname(target)}, is a file (${code}); choose another --out`
          : `${code} while writing ${target}`;
      throw new HarnessError(`Cannot write ${options.out}. ${why}.`, { cause: error });
    }
    process.stderr.write(
      `Wrote ${options.out}: a starter config with one target. Set its url, trusts and serverCa, then run:\n` +
        `  mtls-conformance run --config ${options.out}\n`,
    );
    return ExitCode.ok;
  },
});

// Checked before writing so the message can say what to do; the write itself is atomic (temp + rename).
async function refuseUnwritable(out: string, target: string, force: boolean): Promise<void> {
  const existing = await stat(target).catch(() => undefined);
  if (existing?.isDirectory()) {
    throw new HarnessError(
      `Cannot write ${out}. It is a folder; name a file, e.g. --out ${out}/mtls-conformance.yaml.`,
    );
  }
  if (existing && !force) {
    throw new HarnessError(
      `Cannot write ${out}. The file exists; pass --force to overwrite it, or --out to write another file.`,
    );
  }
}

// The schema of the tool that writes the file, as a path relative to it: in a clone that is
// ../schema/…, in a project that installed the tool ./node_modules/mtls-conformance/schema/…; the
// yaml-language-server resolves it against the file, so editors find it either way.
// packageRoot, not import.meta.url: the compiled CLI runs from .cache/, whose copy of the schema goes.
const schemaFile = join(packageRoot, 'schema', 'mtls-conformance.schema.json');

export function schemaReference(configFile: string): string {
  const path = relative(dirname(configFile), schemaFile).split(sep).join('/');
  return path.startsWith('.') ? path : `./${path}`;
}
