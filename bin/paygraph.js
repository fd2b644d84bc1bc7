#!/usr/bin/env node
// `paygraph <command>`: runs the TypeScript sources through tsx, so a fresh clone needs no build.
import { fileURLToPath } from 'node:url';
import { register } from 'tsx/esm/api';

// The project's tsconfig whatever the working directory: TypeGraphQL's decorators compile as it says.
register({ tsconfig: fileURLToPath(new URL('../tsconfig.json', import.meta.url)) });
await import('../src/cli/main.ts');
