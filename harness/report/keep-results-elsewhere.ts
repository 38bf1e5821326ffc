import { mkdtemp, open } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { RunResults } from './run-results.ts';

/**
 * When the report folder failed a run at the end (its disk filled up while it ran), its results are
 * not lost: results.json goes into a new folder of the system's temporary folder (0700, the file 0600:
 * /tmp is shared), from which `report merge FILE --report-dir DIR` writes the reports later. Resolves
 * with the file's path, or undefined when that cannot be written either.
 */
export async function keepResultsElsewhere(
  results: RunResults,
  base: string = tmpdir(),
): Promise<string | undefined> {
  try {
    const file = join(await mkdtemp(join(base, 'mtls-conformance-results-')), 'results.json');
    const handle = await open(file, 'wx', 0o600);
    try {
      await handle.writeFile(`${JSON.stringify(results, null, 2)}\n`);
      await handle.sync();
    } finally {
      await handle.close();
    }
    return file;
  } catch {
    return undefined;
  }
}
