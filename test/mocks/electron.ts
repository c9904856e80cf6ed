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
  webRequest = {
    onHeadersReceived: (h: Listener): void => {
      this.headersReceived = h
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
  constructor(options: Record<string, unknown>) {
    super()
    this.options = options
    BrowserWindow.instances.push(this)
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
}

class MockApp extends EventEmitter {
  lock = true
  quitCalled = false
  requestSingleInstanceLock(): boolean {
    return this.lock
  }
  quit(): void {
    this.quitCalled = true
  }
  getPath(): string {
    return '/tmp/pos-companion-test'
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
}

export default { BrowserWindow, ipcMain, ipcRenderer, contextBridge, app, shell }
