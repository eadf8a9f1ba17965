// Electron main process: one window on the same core and dispatcher as the bridge and the CLI.
// Security: context isolation, sandbox, no Node in the renderer, a CSP, navigation and new windows denied,
// and IPC accepted only from our own app:// frame with every payload validated by the dispatcher.
import { app, BrowserWindow, ipcMain, net, protocol, session, shell } from 'electron';
import { existsSync } from 'node:fs';
import { join, normalize, resolve, sep } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { Core } from '../api/service';
import { createDispatcher } from '../api/dispatcher';
import { APP_ORIGIN, APP_SCHEME, CALL_CHANNEL, EVENT_CHANNEL, isAppFrame } from './channels';

const here = fileURLToPath(new URL('.', import.meta.url));
const rendererDir = resolve(here, '..', 'renderer');
const preloadPath = join(here, 'preload.cjs');
const CSP =
  "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; connect-src 'self'";

protocol.registerSchemesAsPrivileged([{ scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true } }]);

function workspaceArg(): string {
  const i = process.argv.indexOf('--workspace');
  if (i > 0 && process.argv[i + 1]) return resolve(process.argv[i + 1]!);
  return process.env.TOKSTUDIO_WORKSPACE ?? join(app.getPath('userData'), 'default.tokstudio');
}

async function boot(): Promise<void> {
  const core = new Core({ workspacePath: workspaceArg() });
  const dispatcher = createDispatcher(core.handlers);

  // Serve the built renderer from app://renderer/ with a CSP header; nothing outside its folder.
  protocol.handle(APP_SCHEME, (request) => {
    const url = new URL(request.url);
    const rel = normalize(decodeURIComponent(url.pathname)).replace(/^([/\\])+/, '');
    let file = join(rendererDir, rel);
    if (!file.startsWith(rendererDir + sep) || !existsSync(file)) file = join(rendererDir, 'index.html');
    return net.fetch(pathToFileURL(file).toString()).then((res) => {
      const headers = new Headers(res.headers);
      headers.set('Content-Security-Policy', CSP);
      return new Response(res.body, { status: res.status, headers });
    });
  });

  session.defaultSession.setPermissionRequestHandler((_wc, _perm, callback) => callback(false));

  ipcMain.handle(CALL_CHANNEL, async (event, method: unknown, args: unknown) => {
    const frameUrl = event.senderFrame?.url;
    if (!isAppFrame(frameUrl)) {
      return { ok: false, error: { code: 'forbidden', message: `IPC from ${frameUrl ?? 'an unknown frame'} refused` } };
    }
    if (typeof method !== 'string') return { ok: false, error: { code: 'invalid-args', message: 'method must be a string' } };
    return dispatcher.dispatch(method, args);
  });

  const win = new BrowserWindow({
    width: 1280,
    height: 860,
    title: 'Tokenizer Studio',
    show: false,
    webPreferences: {
      preload: preloadPath,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      webSecurity: true,
      spellcheck: false,
    },
  });
  const unsubscribe = core.onEvent((e) => {
    if (!win.isDestroyed()) win.webContents.send(EVENT_CHANNEL, e);
  });
  win.webContents.on('will-navigate', (e) => e.preventDefault());
  win.webContents.on('will-attach-webview', (e) => e.preventDefault());
  win.webContents.setWindowOpenHandler(({ url }) => {
    // Links to documentation open in the user's browser; the app never opens windows of its own.
    if (/^https?:\/\//.test(url)) void shell.openExternal(url);
    return { action: 'deny' };
  });
  win.once('ready-to-show', () => win.show());
  await win.loadURL(`${APP_ORIGIN}/index.html`);

  app.on('before-quit', () => {
    unsubscribe();
    void core.close();
  });
}

app.on('window-all-closed', () => app.quit());
app.whenReady().then(boot).catch((err) => {
  console.error('Tokenizer Studio failed to start:', err);
  app.exit(1);
});
