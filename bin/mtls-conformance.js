#!/usr/bin/env node
// Entry point of the CLI. tsx compiles the TypeScript sources on load (esbuild, cached), so the
// installed package runs exactly the code that was type-checked: there is no build output to go stale.
import { register } from 'tsx/esm/api';

register();
await import('../harness/cli/main.ts');
