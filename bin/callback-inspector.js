#!/usr/bin/env node
// Entry point of the CLI; the code lives in dist/ after `npm run build`.
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const entry = new URL('../dist/main/hosts/cli/index.js', import.meta.url);
if (!existsSync(fileURLToPath(entry))) {
  process.stderr.write('callback-inspector is not built yet: run `npm run build` in the repository first.\n');
  process.exit(1);
}
await import(entry.href);
