import { generateRsaKeyPair } from './harness/pki/rsa-key-pair.ts';
const r: number[] = [];
for (let i = 0; i < 3; i++) { const t = performance.now(); await Promise.all(Array.from({ length: 13 }, () => generateRsaKeyPair(2048))); r.push(Math.round(performance.now() - t)); }
console.log('13 keys', r);
