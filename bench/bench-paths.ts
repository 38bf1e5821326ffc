import { fileURLToPath } from 'node:url';

/** The CLI a user runs (`npx mtls-conformance`): tsx-compiled sources, no build step. */
export const cliPath = fileURLToPath(new URL('../bin/mtls-conformance.js', import.meta.url));

/** Passphrase of the benchmark's keystores. Not a secret: throwaway test keys. */
export const benchPassphrase = 'bench-passphrase-not-secret';
