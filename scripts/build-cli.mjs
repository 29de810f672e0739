#!/usr/bin/env node
// Builds the CLI (src/main/cli.ts) to plain JavaScript in out/cli/: `griddesk` and `npm run cli`
// run it with node alone. Packages stay external (better-sqlite3 is native); heavy ones load
// in their own chunks only when a command needs them.
import fs from 'node:fs';
import path from 'node:path';
import { build } from 'esbuild';

const root = path.resolve(import.meta.dirname, '..');
const pkg = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8'));

/** `outdir` must sit two levels below the repository (the bundle finds resources/ at ../../). */
export async function buildCli(outdir = path.join(root, 'out', 'cli')) {
  fs.rmSync(outdir, { recursive: true, force: true });
  await build({
    // The import reads files in a thread of its own, started from read-worker.mjs beside the chunks.
    entryPoints: {
      griddesk: path.join(root, 'src/main/cli.ts'),
      'read-worker': path.join(root, 'src/main/import/read-worker.ts'),
    },
    outdir,
    bundle: true,
    splitting: true,
    format: 'esm',
    platform: 'node',
    target: 'node20',
    outExtension: { '.js': '.mjs' },
    // zod and kysely are bundled: resolving their hundreds of ES modules costs more than the work.
    external: Object.keys(pkg.dependencies).filter((d) => d !== 'zod' && d !== 'kysely'),
    define: { __GRIDDESK_VERSION__: JSON.stringify(pkg.version) },
    logLevel: 'warning',
  });
  return path.join(outdir, 'griddesk.mjs');
}

if (import.meta.url === `file://${process.argv[1]}`) await buildCli();
