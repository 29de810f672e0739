#!/usr/bin/env node
/**
 * Prepares better-sqlite3 for Electron's ABI, beside (not instead of) the Node build in
 * node_modules/better-sqlite3 that the tests and the CLI load. Runs before `npm start` /
 * `npm run dev`; does nothing when the build for this Electron version is already there.
 *
 *   node_modules/.griddesk-native/electron-<version>-<platform>-<arch>/better_sqlite3.node
 *
 * The main process passes that file to better-sqlite3 as `nativeBinding` when not packaged.
 * First it asks prebuild-install for the published Electron binary; failing that it compiles
 * with node-gyp against Electron's headers. Both need the internet once.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';

const root = path.resolve(import.meta.dirname, '..');
const require = createRequire(path.join(root, 'package.json'));

const electronVersion = require('electron/package.json').version;
const sqliteDir = path.dirname(require.resolve('better-sqlite3/package.json'));
const sqliteVersion = require('better-sqlite3/package.json').version;
const target = path.join(
  root,
  'node_modules',
  '.griddesk-native',
  `electron-${electronVersion}-${process.platform}-${process.arch}`,
);
const targetFile = path.join(target, 'better_sqlite3.node');
const stampFile = path.join(target, 'better-sqlite3.version');

if (fs.existsSync(targetFile) && fs.existsSync(stampFile) && fs.readFileSync(stampFile, 'utf8') === sqliteVersion) {
  process.exit(0);
}

console.log(`为 Electron ${electronVersion} 准备 better-sqlite3 ${sqliteVersion}（仅首次需要）…`);
const work = path.join(root, 'node_modules', '.griddesk-native', 'build');
fs.rmSync(work, { recursive: true, force: true });
fs.cpSync(sqliteDir, work, { recursive: true, filter: (src) => !src.includes(`${path.sep}build${path.sep}`) });
fs.rmSync(path.join(work, 'build'), { recursive: true, force: true });

// A machine-wide `nodedir` (npm config) would make node-gyp build against Node's headers and
// report success with the wrong ABI: build against Electron's headers only.
const env = { ...process.env, npm_config_nodedir: '' };
delete env.NPM_CONFIG_NODEDIR;
const expectedAbi = fs.readFileSync(require.resolve('electron/abi_version'), 'utf8').trim();

/**
 * The ABI a .node file was built for. Loading it in this Node tells: a matching module loads
 * (so it is NOT an Electron build), a mismatched one names its NODE_MODULE_VERSION.
 */
function abiOf(file) {
  try {
    execFileSync(process.execPath, ['-e', `require(${JSON.stringify(file)})`], { stdio: 'pipe' });
    return process.versions.modules;
  } catch (e) {
    const m = /NODE_MODULE_VERSION (\d+)/.exec(String(e.stderr ?? ''));
    return m ? m[1] : 'unknown';
  }
}
const attempts = [
  [
    process.execPath,
    [
      require.resolve('prebuild-install/bin.js', { paths: [sqliteDir] }),
      '--runtime=electron',
      `--target=${electronVersion}`,
      `--arch=${process.arch}`,
      `--platform=${process.platform}`,
      '--verbose',
    ],
  ],
  [
    process.platform === 'win32' ? 'npx.cmd' : 'npx',
    [
      '--yes',
      'node-gyp',
      'rebuild',
      '--release',
      '--runtime=electron',
      `--target=${electronVersion}`,
      `--arch=${process.arch}`,
      '--dist-url=https://electronjs.org/headers',
      '--nodedir=',
    ],
  ],
];

for (const [cmd, args] of attempts) {
  try {
    execFileSync(cmd, args, { cwd: work, env, stdio: 'inherit', shell: process.platform === 'win32' });
  } catch {
    continue;
  }
  const built = path.join(work, 'build', 'Release', 'better_sqlite3.node');
  if (!fs.existsSync(built)) continue;
  const abi = abiOf(built);
  if (abi !== expectedAbi) {
    console.error(`生成的 better_sqlite3.node 是 ABI ${abi}，不是 Electron 需要的 ${expectedAbi}，已丢弃。`);
    fs.rmSync(path.join(work, 'build'), { recursive: true, force: true });
    continue;
  }
  {
    fs.mkdirSync(target, { recursive: true });
    fs.copyFileSync(built, targetFile);
    fs.writeFileSync(stampFile, sqliteVersion);
    fs.rmSync(work, { recursive: true, force: true });
    console.log(`已就绪：${path.relative(root, targetFile)}`);
    process.exit(0);
  }
}

fs.rmSync(work, { recursive: true, force: true });
console.error(
  `无法为 Electron ${electronVersion} 准备 better-sqlite3：下载预编译文件和本地编译都失败了。\n` +
    '请确认本机能访问网络（GitHub 与 electronjs.org），并装有 C++ 编译工具（Windows: Visual Studio Build Tools；Linux: build-essential、python3），然后重新运行 npm start。',
);
process.exit(1);
