#!/usr/bin/env node
// `griddesk` (npx griddesk, npm run cli --): runs the built CLI, building it first on a fresh checkout.
import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';

const built = path.resolve(import.meta.dirname, '..', 'out', 'cli', 'griddesk.mjs');
if (!fs.existsSync(built)) {
  const { buildCli } = await import('./build-cli.mjs');
  await buildCli();
}
await import(pathToFileURL(built).href);
