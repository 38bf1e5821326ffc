import { generateFixtureSet } from './harness/pki/generate-fixture-set.ts';
const cold: number[] = [], hit: number[] = [];
for (let i = 0; i < 4; i++) {
  const a = await generateFixtureSet({ outDir: '.tmp/bench', passphrase: 'pw', force: true });
  cold.push(Math.round(a.durationMs));
  const t = performance.now();
  const b = await generateFixtureSet({ outDir: '.tmp/bench', passphrase: 'pw' });
  hit.push(+(performance.now() - t).toFixed(1));
  if (b.outcome !== 'reused') throw new Error(b.outcome);
}
console.log('cold', cold, 'hit', hit);
