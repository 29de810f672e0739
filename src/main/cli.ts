/**
 * GridDesk's command line: the app's handlers through the same dispatcher, without Electron.
 * Built to out/cli/griddesk.mjs (scripts/build-cli.mjs) and run as `griddesk` / `npm run cli --`.
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { runCli } from './cli/run';

declare const __GRIDDESK_VERSION__: string | undefined;

// The bundle sits in out/cli/, the sources in src/main/: resources/ is two levels up from both.
const here = path.dirname(fileURLToPath(import.meta.url));

// `grids list | head` closes the pipe early: that is not an error.
process.stdout.on('error', (e: NodeJS.ErrnoException) => {
  if (e.code === 'EPIPE') process.exit(0);
  throw e;
});

void runCli(process.argv.slice(2), {
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
  resourcesDir: path.resolve(here, '../../resources'),
  version: typeof __GRIDDESK_VERSION__ === 'string' ? __GRIDDESK_VERSION__ : '0.0.0-dev',
}).then((code) => {
  process.exitCode = code;
});
