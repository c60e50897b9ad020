#!/usr/bin/env node
// The `acm` command runs the TypeScript sources directly through tsx, so it works right after `npm ci`.
import { fileURLToPath } from 'node:url';
import { register } from 'tsx/esm/api';

// The project's tsconfig by path, not the working folder's: its path aliases (@engine/…) resolve wherever acm is run from.
register({ tsconfig: fileURLToPath(new URL('../../tsconfig.json', import.meta.url)) });
const { main } = await import('./main.ts');
process.exitCode = await main(process.argv.slice(2));
