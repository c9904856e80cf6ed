import { join } from 'node:path'
import {
  app,
  BrowserWindow,
  dialog,
  ipcMain,
  Menu,
  powerSaveBlocker,
  protocol,
  safeStorage,
  screen,
  shell,
  type WebContents,
} from 'electron'
import { appOrigins, registerAppScheme, serveApp } from './app/app-protocol'
import { openAppSettings } from './app/app-settings'
import { setUpCheckout } from './app/checkout'
import { chooseDataFolder } from './app/data-folder'
import { keepDownloadsOwnerOnly } from './app/downloads'
import { registerIpc, webContentsSink } from './app/ipc'
import { createElectronPrinter } from './app/printer'
import { createSafeStorageSecretBox } from './app/secret-storage'
import { claimSingleInstance } from './app/single-instance'
import { createMainWindow } from './app/window'
import { capYoungGeneration } from './heap-policy'
import { buildRoutes } from './ipc/dispatcher'
import { createServices } from './services'

// Before any work: V8's young generation would otherwise grow to 2 x 64 MiB under load.
capYoungGeneration()

// Composition root: build the services, wire them to ipcMain, open the one window.
let mainWindow: BrowserWindow | undefined
// The renderer comes from app:// (packaged), or from electron-vite's dev server when unpackaged.
const origins = appOrigins({
  isPackaged: app.isPackaged,
  devServerUrl: process.env['ELECTRON_RENDERER_URL'],
})
registerAppScheme(protocol) // before ready, or the scheme has no privileges

async function start(): Promise<void> {
  const services = await createServices({
    dataDir: app.getPath('userData'),
    appName: app.getName(),
    appVersion: app.getVersion(),
    shell: 'electron',
    // safeStorage is usable only after app ready; start() runs from whenReady().
    secretBox: createSafeStorageSecretBox(safeStorage),
    printer: createElectronPrinter({ BrowserWindow }),
  })
  serveApp(protocol, join(import.meta.dirname, '../renderer'))
  registerIpc(ipcMain, buildRoutes(services.handlers, { logError: console.error }), {
    isOurWindow: (sender: WebContents) => sender === mainWindow?.webContents,
    origins: origins.trusted,
  })
  services.subscribe(webContentsSink(() => mainWindow?.webContents))

  const iconPath = join(import.meta.dirname, '../../resources/icon.png')
  const checkout = setUpCheckout(
    { app, dialog, Menu, powerSaveBlocker, screen, shell },
    {
      settings: openAppSettings(app.getPath('userData'), services.notices),
      subscribe: (sink) => services.subscribe(sink),
      activePayments: () => services.handlers.listActivePayments(undefined, { senderId: 'main' }),
      getWindow: () => mainWindow,
      dataDir: app.getPath('userData'),
      devTools: !app.isPackaged,
      iconPath,
    },
  )
  const bounds = checkout.initialBounds()
  mainWindow = createMainWindow(
    { BrowserWindow, shell },
    {
      title: 'POS Companion',
      preloadPath: join(import.meta.dirname, '../preload/index.cjs'),
      url: origins.load,
      iconPath,
      ...(bounds ? { bounds } : {}),
    },
  )
  checkout.attach(mainWindow)
  keepDownloadsOwnerOnly(mainWindow.webContents.session)
  mainWindow.on('closed', () => (mainWindow = undefined))
  // will-quit, not before-quit: the quit guard may still cancel a quit during before-quit.
  app.on('will-quit', () => void services.dispose())
}

// First, before anything reads userData: development runs never touch the shop's data folder.
chooseDataFolder(app)
if (claimSingleInstance(app, () => mainWindow)) {
  app.on('window-all-closed', () => app.quit())
  void app.whenReady().then(start)
}
