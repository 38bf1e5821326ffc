import { expect } from 'chai';
import { stringify } from 'yaml';
import { isHarnessError } from '../harness/common/harness-error.ts';
import { fullConfigExample } from '../harness/config/config-examples.ts';
import { parseConfig } from '../harness/config/load-config.ts';

// A small deterministic PRNG (mulberry32), so a failure reproduces with the same seed.
function random(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state + 0x6d2b79f5) | 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const pieces = [
  '',
  ' ',
  '\n',
  ':',
  '- ',
  '[',
  ']',
  '{',
  '}',
  '"',
  "'",
  '&a',
  '*a',
  '!!binary',
  '~',
  'null',
  '1e9',
  '-1',
  'targets',
  'trusts',
  '#',
  '\t',
  '|',
  '>',
  '\u0000',
  'é',
  '?',
];

function mutate(text: string, next: () => number): string {
  let result = text;
  const edits = 1 + Math.floor(next() * 4);
  for (let edit = 0; edit < edits; edit += 1) {
    const at = Math.floor(next() * (result.length + 1));
    const piece = pieces[Math.floor(next() * pieces.length)] ?? '';
    const cut = Math.floor(next() * 6);
    result = result.slice(0, at) + piece + result.slice(at + (next() < 0.5 ? cut : 0));
  }
  return result;
}

describe('config loader under random and mutated input', () => {
  it('ends every one of 200 inputs in a config or a HarnessError, never another exception', () => {
    const next = random(20260401);
    const base = stringify(fullConfigExample);
    let errors = 0;
    for (let round = 0; round < 200; round += 1) {
      const text =
        round % 3 === 0
          ? Array.from(
              { length: Math.floor(next() * 40) },
              () => pieces[Math.floor(next() * pieces.length)],
            ).join('')
          : mutate(base, next);
      try {
        parseConfig(text, { file: 'fuzz.yaml', baseDir: '/nonexistent', env: {} });
      } catch (error) {
        errors += 1;
        if (!isHarnessError(error)) throw new Error(`round ${round}: ${String(error)}\n${text}`);
        expect(error.message.startsWith('Cannot load fuzz.yaml'), error.message).to.equal(true);
      }
    }
    expect(errors).to.be.greaterThan(160);
  });

  it('refuses an alias bomb instead of expanding it', () => {
    const bomb = [
      'a: &a [x, x, x, x, x, x, x, x, x, x]',
      'b: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a, *a]',
      'c: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b, *b]',
      'd: [*c, *c, *c, *c, *c, *c, *c, *c, *c, *c]',
      '',
    ].join('\n');
    expect(() => parseConfig(bomb, { file: 'bomb.yaml', baseDir: '/tmp', env: {} })).to.throw(
      /^Cannot load bomb\.yaml/,
    );
  });
});
