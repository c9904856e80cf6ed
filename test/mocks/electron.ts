/**
 * A hand-written stand-in for the `electron` module: records what our adapters ask of Electron so
 * tests can assert it. Only what the adapters use is modelled. Reset with `resetElectronMock()`.
 */
import { EventEmitter } from 'node:events'

type Listener = (...args: unknown[]) => unknown

export class MockWebContents extends EventEmitter {
  static nextId = 1
  id = MockWebContents.nextId++
  sent: { channel: string; payload: unknown }[] = []
  windowOpenHandler?: (details: { url: string }) => { action: string }
  destroyed = false
  session = new MockSession()
  setWindowOpenHandler(handler: (details: { url: string }) => { action: string }): void {
    this.windowOpenHandler = handler
  }
  send(channel: string, payload: unknown): void {
    this.sent.push({ channel, payload })
  }
  isDestroyed(): boolean {
    return this.destroyed
  }
  // Printing (src/main/app/printer.ts). Tests set `printers`, `printOutcome` and `pdfPageCount`.
  printers: { name: string; displayName: string; isDefault: boolean }[] = []
  printOutcome: { success: boolean; failureReason: string } = { success: true, failureReason: '' }
  pdfPageCount = 1
  printCalls: Record<string, unknown>[] = []
  pdfCalls: Record<string, unknown>[] = []
  async getPrintersAsync(): Promise<{ name: string; displayName: string; isDefault: boolean }[]> {
    return this.printers.map((p) => ({ ...p }))
  }
  print(
    options: Record<string, unknown>,
    callback?: (success: boolean, failureReason: string) => void,
  ): void {
    this.printCalls.push(options)
    const { success, failureReason } = this.printOutcome
    queueMicrotask(() => callback?.(success, failureReason))
  }
  async printToPDF(options: Record<string, unknown>): Promise<Buffer> {
    this.pdfCalls.push(options)
    const pages = Array.from({ length: this.pdfPageCount }, () => '<< /Type /Page >>').join('\n')
    return Buffer.from(`%PDF-1.4\n<< /Type /Pages /Count ${this.pdfPageCount} >>\n${pages}\n%%EOF`)
  }
}

export class MockSession {
  permissionRequestHandler?: Listener
  permissionCheckHandler?: Listener
  headersReceived?: Listener
  setPermissionRequestHandler(h: Listener): void {
    this.permissionRequestHandler = h
  }
  setPermissionCheckHandler(h: Listener): void {
    this.permissionCheckHandler = h
  }
  beforeRequest?: Listener
  webRequest = {
    onHeadersReceived: (h: Listener): void => {
      this.headersReceived = h
    },
    onBeforeRequest: (h: Listener): void => {
      this.beforeRequest = h
    },
  }
}

export class BrowserWindow extends EventEmitter {
  static instances: BrowserWindow[] = []
  options: Record<string, unknown>
  webContents = new MockWebContents()
  loaded: { kind: 'url' | 'file'; target: string } | undefined
  shown = false
  minimized = false
  focused = false
  maximized = false
  fullScreen = false
  kiosk = false
  bounds: { x: number; y: number; width: number; height: number }
  constructor(options: Record<string, unknown>) {
    super()
    this.options = options
    const n = (key: string, fallback: number): number =>
      typeof options[key] === 'number' ? (options[key] as number) : fallback
    this.bounds = { x: n('x', 0), y: n('y', 0), width: n('width', 800), height: n('height', 600) }
    BrowserWindow.instances.push(this)
  }
  getNormalBounds(): { x: number; y: number; width: number; height: number } {
    return { ...this.bounds }
  }
  isMaximized(): boolean {
    return this.maximized
  }
  maximize(): void {
    this.maximized = true
  }
  isFullScreen(): boolean {
    return this.fullScreen
  }
  setFullScreen(flag: boolean): void {
    this.fullScreen = flag
  }
  isKiosk(): boolean {
    return this.kiosk
  }
  setKiosk(flag: boolean): void {
    this.kiosk = flag
  }
  async loadURL(url: string): Promise<void> {
    this.loaded = { kind: 'url', target: url }
  }
  async loadFile(path: string): Promise<void> {
    this.loaded = { kind: 'file', target: path }
  }
  show(): void {
    this.shown = true
  }
  isMinimized(): boolean {
    return this.minimized
  }
  restore(): void {
    this.minimized = false
  }
  focus(): void {
    this.focused = true
  }
  destroyed = false
  destroy(): void {
    this.destroyed = true
    this.webContents.destroyed = true
  }
  isDestroyed(): boolean {
    return this.destroyed
  }
}

/** Custom schemes: what was registered as privileged (before ready) and which handlers serve. */
export const protocol = {
  privileged: [] as unknown[],
  handlers: new Map<string, (request: Request) => Promise<Response>>(),
  registerSchemesAsPrivileged(schemes: unknown[]): void {
    protocol.privileged = [...schemes]
  },
  handle(scheme: string, handler: (request: Request) => Promise<Response>): void {
    if (protocol.handlers.has(scheme)) throw new Error(`Scheme ${scheme} is already handled`)
    protocol.handlers.set(scheme, handler)
  },
}

class MockIpcMain {
  handlers = new Map<string, Listener>()
  handle(channel: string, listener: Listener): void {
    if (this.handlers.has(channel)) {
      throw new Error(`Attempted to register a second handler for '${channel}'`)
    }
    this.handlers.set(channel, listener)
  }
  removeHandler(channel: string): void {
    this.handlers.delete(channel)
  }
  listeners = new Map<string, Listener[]>()
  on(channel: string, listener: Listener): void {
    this.listeners.set(channel, [...(this.listeners.get(channel) ?? []), listener])
  }
}

class MockApp extends EventEmitter {
  lock = true
  quitCalled = false
  isPackaged = false
  loginItemSettings: { openAtLogin: boolean }[] = []
  aboutPanelOptions: Record<string, unknown> | undefined
  aboutPanelShown = 0
  setLoginItemSettings(settings: { openAtLogin: boolean }): void {
    this.loginItemSettings.push(settings)
  }
  setAboutPanelOptions(options: Record<string, unknown>): void {
    this.aboutPanelOptions = options
  }
  showAboutPanel(): void {
    this.aboutPanelShown++
  }
  requestSingleInstanceLock(): boolean {
    this.pathCalls.push('single-instance lock')
    return this.lock
  }
  quit(): void {
    this.quitCalled = true
  }
  // Paths: `paths` overrides, `setPath` records; `pathCalls` keeps the order of gets and sets
  // (and of the instance lock) so a test can tell what happened before the data folder was chosen.
  paths: Record<string, string> = {}
  pathCalls: string[] = []
  switches = new Map<string, string>()
  commandLine = {
    hasSwitch: (name: string): boolean => this.switches.has(name),
    getSwitchValue: (name: string): string => this.switches.get(name) ?? '',
    appendSwitch: (name: string, value = ''): void => void this.switches.set(name, value),
  }
  getPath(name = ''): string {
    this.pathCalls.push(`get ${name}`)
    return this.paths[name] ?? '/tmp/pos-companion-test'
  }
  setPath(name: string, path: string): void {
    this.pathCalls.push(`set ${name} ${path}`)
    this.paths[name] = path
  }
  getName(): string {
    return 'POS Companion'
  }
  getVersion(): string {
    return '0.0.0-test'
  }
  whenReady(): Promise<void> {
    return Promise.resolve()
  }
}

export const shell = {
  opened: [] as string[],
  async openExternal(url: string): Promise<void> {
    shell.opened.push(url)
  },
  openedPaths: [] as string[],
  async openPath(path: string): Promise<string> {
    shell.openedPaths.push(path)
    return ''
  },
}

class MockIpcRenderer extends EventEmitter {
  invoked: { channel: string; payload: unknown }[] = []
  async invoke(channel: string, payload: unknown): Promise<unknown> {
    this.invoked.push({ channel, payload })
    return { ok: true, data: null }
  }
}

export const contextBridge = {
  exposed: new Map<string, unknown>(),
  exposeInMainWorld(key: string, value: unknown): void {
    contextBridge.exposed.set(key, value)
  },
}

type Rect = { x: number; y: number; width: number; height: number }
interface MockDisplay {
  id: number
  bounds: Rect
  workArea: Rect
}

/** Monitors: tests set `screen.displays` (the first one is primary unless `primaryId` says). */
export const screen = {
  displays: [
    {
      id: 1,
      bounds: { x: 0, y: 0, width: 1920, height: 1080 },
      workArea: { x: 0, y: 0, width: 1920, height: 1040 },
    },
  ] as MockDisplay[],
  primaryId: undefined as number | undefined,
  getAllDisplays(): MockDisplay[] {
    return screen.displays
  },
  getPrimaryDisplay(): MockDisplay {
    return screen.displays.find((d) => d.id === screen.primaryId) ?? screen.displays[0]!
  },
}

/** Records blockers; `active` holds the ids started and not yet stopped. */
export const powerSaveBlocker = {
  nextId: 1,
  started: [] as { id: number; type: string }[],
  active: new Set<number>(),
  start(type: string): number {
    const id = powerSaveBlocker.nextId++
    powerSaveBlocker.started.push({ id, type })
    powerSaveBlocker.active.add(id)
    return id
  },
  stop(id: number): void {
    powerSaveBlocker.active.delete(id)
  },
  isStarted(id: number): boolean {
    return powerSaveBlocker.active.has(id)
  },
}

/** Records message boxes and answers with `dialog.response` (a button index). */
export const dialog = {
  response: 0,
  shown: [] as { window: unknown; options: Record<string, unknown> }[],
  showMessageBoxSync(...args: unknown[]): number {
    const [window, options] = args.length > 1 ? args : [undefined, args[0]]
    dialog.shown.push({ window, options: options as Record<string, unknown> })
    return dialog.response
  },
}

export class Menu {
  static application: Menu | null = null
  constructor(readonly template: unknown[]) {}
  static buildFromTemplate(template: unknown[]): Menu {
    return new Menu(template)
  }
  static setApplicationMenu(menu: Menu | null): void {
    Menu.application = menu
  }
}

/**
 * safeStorage with switchable availability and Linux backend. Its "ciphertext" is a marked,
 * reversed copy, so a test can tell it was encrypted here and make decryption fail on purpose.
 */
export const safeStorage = {
  available: true,
  backend: 'gnome_libsecret' as 'basic_text' | 'gnome_libsecret' | 'kwallet5' | 'unknown',
  isEncryptionAvailable(): boolean {
    return safeStorage.available
  },
  getSelectedStorageBackend(): string {
    return safeStorage.backend
  },
  encryptString(text: string): Buffer {
    if (!safeStorage.available) throw new Error('Encryption is not available.')
    return Buffer.concat([Buffer.from('mock1:'), Buffer.from(text, 'utf8').reverse()])
  },
  decryptString(data: Buffer): string {
    if (!safeStorage.available || !data.subarray(0, 6).equals(Buffer.from('mock1:'))) {
      throw new Error(
        'Error while decrypting the ciphertext provided to safeStorage.decryptString.',
      )
    }
    return Buffer.from(data.subarray(6)).reverse().toString('utf8')
  },
}

export let ipcRenderer = new MockIpcRenderer()
export let ipcMain = new MockIpcMain()
export let app = new MockApp()

export function resetElectronMock(): void {
  ipcMain = new MockIpcMain()
  ipcRenderer = new MockIpcRenderer()
  contextBridge.exposed.clear()
  app = new MockApp()
  BrowserWindow.instances = []
  shell.opened = []
  shell.openedPaths = []
  screen.displays = [
    {
      id: 1,
      bounds: { x: 0, y: 0, width: 1920, height: 1080 },
      workArea: { x: 0, y: 0, width: 1920, height: 1040 },
    },
  ]
  screen.primaryId = undefined
  powerSaveBlocker.started = []
  powerSaveBlocker.active.clear()
  dialog.response = 0
  dialog.shown = []
  Menu.application = null
  safeStorage.available = true
  safeStorage.backend = 'gnome_libsecret'
  protocol.privileged = []
  protocol.handlers.clear()
}

export default {
  BrowserWindow,
  ipcMain,
  ipcRenderer,
  contextBridge,
  app,
  shell,
  screen,
  powerSaveBlocker,
  dialog,
  Menu,
  safeStorage,
  protocol,
}
