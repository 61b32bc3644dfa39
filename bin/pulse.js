#!/usr/bin/env node
// Entry of the `pulse` command: TypeScript sources run through tsx, no build step.
import { register } from 'tsx/esm/api';

register();
await import('../cli/main.ts');
