#!/usr/bin/env node
// `npx sql-optim-env`: runs the TypeScript CLI as it is (tsx), so it works right after `npm ci` with no build step.
import { register } from 'tsx/esm/api';

register();
await import('../src/cli/main.ts');
