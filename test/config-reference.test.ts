import { expect } from 'chai';
import { readFileSync } from 'node:fs';
import { configReferencePath, renderConfigReference } from '../harness/config/config-reference.ts';
import { configSchema } from '../harness/config/config-schema.ts';

describe('docs/config-reference.md', () => {
  it('is up to date with the schema (run `npm run docs:config` after changing it)', () => {
    const committed = readFileSync(new URL(`../${configReferencePath}`, import.meta.url), 'utf8');
    expect(
      committed === renderConfigReference(),
      'docs/config-reference.md is stale: run npm run docs:config',
    ).to.equal(true);
  });

  it('has a row for every field, with its default and allowed values', () => {
    const reference = renderConfigReference();
    expect(reference).to.include('| `concurrency` | integer 1–256 | `8` |');
    expect(reference).to.include(
      '| `provider` | `url` \\| `mock` \\| `nginx` \\| `openssl` \\| `container` \\| `apache` \\| `haproxy` \\| `java` | `url` |',
    );
    expect(reference).to.include('| `trusts` (required) | list of string |  |');
    expect(reference).to.include('### `targets[].scenarios.expect.<id>`');
  });

  it('changes when the schema does, so the freshness check cannot pass by accident', () => {
    const changed = structuredClone(configSchema);
    changed.properties!.concurrency!.default = 9;
    expect(renderConfigReference(changed)).to.include('| `concurrency` | integer 1–256 | `9` |');
  });
});
