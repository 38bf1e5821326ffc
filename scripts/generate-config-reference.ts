// `npm run docs:config`: regenerates docs/config-reference.md from the schema. A test fails when the
// committed file differs from what this writes.
import { writeFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { configReferencePath, renderConfigReference } from '../harness/config/config-reference.ts';

const target = fileURLToPath(new URL(`../${configReferencePath}`, import.meta.url));
await writeFile(target, renderConfigReference());
console.error(`Wrote ${configReferencePath}`);
