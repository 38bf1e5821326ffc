import { writeFile } from 'node:fs/promises';
import { measureProcess } from './measure-process.ts';
import { seedCurlScript } from './seed-curl-script.ts';

/**
 * The seed's four curls once per URL, as one shell script written to `scriptFile` and run: its wall
 * time in ms, the per-endpoint reference of the scale rows. Each URL plays both of the seed's nginx.
 */
export async function timeSeedCurlsPerEndpoint(
  scriptFile: string,
  fixturesDir: string,
  urls: readonly string[],
): Promise<number> {
  const scripts = urls.map((url) =>
    seedCurlScript(fixturesDir, { bothCas: url, ca1Only: url }).replace('#!/bin/sh\n', ''),
  );
  await writeFile(scriptFile, `#!/bin/sh\n${scripts.join('')}`);
  const curl = await measureProcess('sh', [scriptFile]);
  if (curl.code !== 0) throw new Error(`the curl script failed:\n${curl.stderr}`);
  return curl.wallMs;
}
