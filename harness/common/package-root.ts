import { basename, dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const folderOfThisTree = resolve(fileURLToPath(new URL('../../', import.meta.url)));

/**
 * The package's own folder, also when the CLI runs the compiled tree in `.cache/harness-<key>/`
 * (bin/compiled-harness.js): the files beside that tree are copies, fine to read, but a path written
 * into a user's file (init's `$schema`) must name the package's own, which outlives the cache.
 */
export const packageRoot: string =
  /^harness-[0-9a-f]+$/.test(basename(folderOfThisTree)) && basename(dirname(folderOfThisTree)) === '.cache'
    ? dirname(dirname(folderOfThisTree))
    : folderOfThisTree;
