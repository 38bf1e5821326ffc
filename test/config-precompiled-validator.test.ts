import { expect } from 'chai';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { ValidateFunction } from 'ajv';
import { configValidatorSource, schemaErrors } from '../harness/config/config-schema.ts';

const require = createRequire(import.meta.url);
const packageTmp = fileURLToPath(new URL('../.tmp', import.meta.url));

// The CLI validates configs with ajv's standalone code, written at its compile step; the sources (and
// these tests) compile the schema at run time. Both must report the same errors, word for word.
describe('config schema: the precompiled validator of the CLI', () => {
  let precompiled: ValidateFunction;
  let dir: string;

  before(async () => {
    // Inside the package, as in the CLI's .cache/: the validator requires ajv's runtime helpers.
    await mkdir(packageTmp, { recursive: true });
    dir = await mkdtemp(join(packageTmp, 'validator-'));
    const file = join(dir, 'config-validator.cjs');
    await writeFile(file, configValidatorSource());
    precompiled = (require(file) as { default: ValidateFunction }).default;
  });
  after(() => rm(dir, { recursive: true, force: true }));

  const configs: Array<[string, unknown]> = [
    ['a valid config', { targets: [{ name: 'gw', url: 'https://127.0.0.1:8443/', trusts: ['ca1'] }] }],
    ['an unknown key', { targetz: [] }],
    ['a wrong type and an out-of-range number', { concurrency: 'eight', timeouts: { connectMs: -1 } }],
    [
      'a target missing its name, with a bad enum and a bad pattern',
      { targets: [{ url: 'https://127.0.0.1/', trusts: ['ca1'], rejectAt: 'later', name: 'Bad Name!' }] },
    ],
    ['not an object', ['targets']],
  ];
  for (const [what, config] of configs) {
    it(`${what}: the same errors as the schema compiled at run time`, () => {
      const valid = precompiled(config);
      expect(valid ? [] : precompiled.errors).to.deep.equal(schemaErrors(config));
    });
  }

  it('sees problems in the configs above (the comparison is not of two empty lists)', () => {
    expect(configs.slice(1).every(([, config]) => schemaErrors(config).length > 0)).to.equal(true);
  });
});
