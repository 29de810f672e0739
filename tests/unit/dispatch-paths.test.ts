/**
 * Paths a page passes must be ones the clerk chose in a dialog, also when a field holds a list of
 * them (several submission packages merged at once): one unchosen path in the list refuses all.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { dialogPaths } from '../../src/main/ipc/context';
import { dispatch } from '../../src/main/ipc/dispatch';
import { openTestApp, type TestApp } from '../helpers/context';

let app: TestApp;
beforeEach(async () => {
  app = await openTestApp();
});
afterEach(async () => {
  await app.close();
});

it('checks every path of a list against the dialog grants', async () => {
  app.ctx.paths = dialogPaths();
  const chosen = path.join(app.dir, 'a.gdpkg');
  const unchosen = path.join(app.dir, 'b.gdpkg');
  for (const f of [chosen, unchosen]) fs.writeFileSync(f, '{}');
  app.ctx.paths.grant('read', chosen);
  const refused = await dispatch(app.ctx, 'reports/inspectPackages', { files: [chosen, unchosen] });
  expect(!refused.ok && refused.error.code).toBe('FORBIDDEN');
  // With every path chosen the call gets past the policy to its handler.
  app.ctx.paths.grant('read', unchosen);
  const passed = await dispatch(app.ctx, 'reports/inspectPackages', { files: [chosen, unchosen] });
  expect(!passed.ok && passed.error.code).not.toBe('FORBIDDEN');
});
