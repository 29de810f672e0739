/// <reference types="electron-vite/node" />
/**
 * The Electron shell: one secure window, the app:// protocol, the IPC bridge to the handler
 * table. Everything else lives in services that run without Electron.
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import {
  app,
  BrowserWindow,
  dialog,
  ipcMain,
  Menu,
  net,
  protocol,
  session,
  shell,
  type IpcMainInvokeEvent,
} from 'electron';
import { IPC_CALL, IPC_EVENT } from '../shared/ipc-channels';
import { dailyBackup } from './db/backup';
import { openDatabase } from './db/connection';
import { AppError } from './errors';
import { cleanStaleTemps } from './files/atomic';
import { createAppContext, dialogPaths, type AppContext } from './ipc/context';
import { dispatch } from './ipc/dispatch';
import { BACKUP_DIR, DB_FILE } from './paths';
import { checkAtStart, resolveStartup, type StartupDialog } from './startup';
import {
  APP_HOST,
  APP_ORIGIN,
  APP_SCHEME,
  appFileFor,
  CSP,
  DEV_CSP,
  devServerUrl,
  isTrustedPageUrl,
  mimeType,
} from './security';

const here = path.dirname(fileURLToPath(import.meta.url));
const rendererDir = path.join(here, '../renderer');
const preloadPath = path.join(here, '../preload/index.cjs');
// import.meta.env.DEV is compiled in: true only in `npm run dev`'s build, never in `npm start`'s or an installer's.
const devUrl = devServerUrl(import.meta.env.DEV, app.isPackaged, process.env.ELECTRON_RENDERER_URL);

protocol.registerSchemesAsPrivileged([
  // corsEnabled: pdf.js starts its module worker from app://, which fetches in CORS mode.
  { scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true, corsEnabled: true } },
]);

let mainWindow: BrowserWindow | null = null;
let ctx: AppContext | null = null;

/**
 * In development (`npm start`) better-sqlite3 must be the build for Electron's ABI, which
 * scripts/electron-native.mjs prepares beside the Node build the tests use. Packaged apps
 * get theirs from electron-builder's rebuild, in the default place.
 */
function nativeBinding(): string | undefined {
  if (app.isPackaged) return undefined;
  const file = path.join(
    app.getAppPath(),
    'node_modules',
    '.griddesk-native',
    `electron-${process.versions.electron}-${process.platform}-${process.arch}`,
    'better_sqlite3.node',
  );
  return fs.existsSync(file) ? file : undefined;
}

function isTrustedSender(e: IpcMainInvokeEvent): boolean {
  if (!mainWindow || e.sender !== mainWindow.webContents) return false;
  return isTrustedPageUrl(e.senderFrame?.url ?? '', devUrl);
}

function registerAppProtocol(): void {
  protocol.handle(APP_SCHEME, async (request) => {
    const url = new URL(request.url);
    const file = url.host === APP_HOST ? appFileFor(rendererDir, url.pathname) : null;
    if (!file) return new Response('Not found', { status: 404 });
    const res = await net.fetch(pathToFileURL(file).toString());
    return new Response(res.body, {
      status: 200,
      headers: { 'content-type': mimeType(file), 'content-security-policy': CSP, 'x-content-type-options': 'nosniff' },
    });
  });
}

function lockDownSessions(): void {
  const ses = session.defaultSession;
  ses.setPermissionRequestHandler((_wc, _permission, callback) => callback(false));
  ses.setPermissionCheckHandler(() => false);
  if (devUrl) {
    ses.webRequest.onHeadersReceived((details, callback) => {
      callback({ responseHeaders: { ...details.responseHeaders, 'Content-Security-Policy': [DEV_CSP] } });
    });
  }
}

app.on('web-contents-created', (_event, contents) => {
  contents.on('will-navigate', (e) => e.preventDefault());
  contents.on('will-redirect', (e) => e.preventDefault());
  contents.on('will-attach-webview', (e) => e.preventDefault());
  // The app shows no web pages and links to none: nothing opens, neither here nor in a browser.
  contents.setWindowOpenHandler(() => ({ action: 'deny' }));
});

function createWindow(): void {
  mainWindow = new BrowserWindow({
    width: 1360,
    height: 860,
    minWidth: 1024,
    minHeight: 640,
    title: '网格工作台',
    show: false,
    autoHideMenuBar: true,
    // Written out here, not built by a helper, so that Electronegativity (npm test) can read them.
    webPreferences: {
      // Reviewed, as this check asks: the preload (src/preload/index.ts) exposes only api.call and
      // api.on over two fixed channels — no ipcRenderer, no Node — and the main side answers only
      // the app's own page (isTrustedSender).
      preload: preloadPath /* eng-disable PRELOAD_JS_CHECK */,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      experimentalFeatures: false,
      webviewTag: false,
      navigateOnDragDrop: false,
      spellcheck: false,
      // A middle click would otherwise open links in new windows, bypassing the click handlers.
      disableBlinkFeatures: 'Auxclick',
    },
  });
  mainWindow.once('ready-to-show', () => mainWindow?.show());
  mainWindow.on('closed', () => {
    mainWindow = null;
  });
  void mainWindow.loadURL(devUrl ?? `${APP_ORIGIN}/index.html`);
}

const pickDialog = ({ type, title, message, detail, buttons }: StartupDialog) => ({
  type,
  title,
  message,
  detail,
  buttons,
});

async function start(): Promise<void> {
  if (app.isPackaged) Menu.setApplicationMenu(null);
  registerAppProtocol();
  lockDownSessions();

  const dataDir = app.getPath('userData');
  const openOptions = { nativeBinding: nativeBinding() };
  const dbPath = path.join(dataDir, DB_FILE);
  const backupDir = path.join(dataDir, BACKUP_DIR);
  // Temp files of an export or print the app was killed in (each output also cleans its own folder).
  cleanStaleTemps([dataDir, backupDir, app.getPath('documents')]);
  // quick_check, disk space, backup folder; a damaged database is replaced only if the clerk says so.
  const report = await checkAtStart(dbPath, backupDir, openOptions);
  const ask = async (d: StartupDialog) =>
    (await dialog.showMessageBox({ ...pickDialog(d), noLink: true, defaultId: 0, cancelId: d.buttons.length - 1 }))
      .response;
  if ((await resolveStartup(report, ask, openOptions)) === 'quit') return app.quit();
  const handle = await openDatabase(dbPath, openOptions);
  try {
    await dailyBackup(handle, backupDir);
  } catch (e) {
    console.error('[griddesk] daily backup failed:', e instanceof Error ? e.message : e);
  }
  const context = createAppContext({
    handle,
    backupDir,
    resourcesDir: app.isPackaged ? process.resourcesPath : path.join(app.getAppPath(), 'resources'),
    version: app.getVersion(),
    openOptions,
    // The page may only read or write files the clerk chose in these dialogs.
    paths: dialogPaths(),
    emit: (event, payload) => mainWindow?.webContents.send(IPC_EVENT, event, payload),
    pickFile: async ({ title, extensions, filterName }) => {
      const r = await dialog.showOpenDialog(mainWindow!, {
        title,
        properties: ['openFile'],
        filters: [{ name: filterName, extensions }],
      });
      return r.canceled ? null : (r.filePaths[0] ?? null);
    },
    saveFile: async ({ title, defaultName, extensions, filterName }) => {
      const r = await dialog.showSaveDialog(mainWindow!, {
        title,
        defaultPath: path.join(app.getPath('documents'), defaultName),
        filters: [{ name: filterName, extensions }],
      });
      return r.canceled || !r.filePath ? null : r.filePath;
    },
    openPath: async (file) => {
      const problem = await shell.openPath(file);
      if (problem) throw new AppError('NOT_FOUND', `无法打开文件：${problem}`);
    },
  });
  ctx = context;

  ipcMain.handle(IPC_CALL, (event, name: unknown, input: unknown) => {
    if (!isTrustedSender(event)) {
      return { ok: false, error: { code: 'FORBIDDEN', message: '拒绝来自未知页面的请求。' } };
    }
    return dispatch(context, typeof name === 'string' ? name : '', input);
  });

  createWindow();
}

if (!app.requestSingleInstanceLock()) {
  // Another GridDesk already has the database open: bring it forward instead.
  app.quit();
} else {
  app.on('second-instance', () => {
    if (mainWindow?.isMinimized()) mainWindow.restore();
    mainWindow?.focus();
  });
  app
    .whenReady()
    .then(start)
    .catch((e: unknown) => {
      const message = e instanceof AppError ? e.message : `启动失败：${e instanceof Error ? e.message : String(e)}`;
      dialog.showErrorBox('网格工作台无法启动', message);
      app.quit();
    });
  app.on('window-all-closed', () => {
    app.quit();
  });
  app.on('will-quit', () => {
    void ctx?.handle.close();
  });
}
