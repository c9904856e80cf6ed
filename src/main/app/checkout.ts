import type { App, BrowserWindow, Dialog, Menu, PowerSaveBlocker, Screen, Shell } from 'electron'
import { join } from 'node:path'
import type { PaymentStatusEvent } from '@shared/contract'
import type { EventSink } from '../ipc/handlers'
import type { AppSettings, WindowBounds } from './app-settings'
import { loginItemsFor } from './login-items'
import { installAppMenu } from './menu'
import { PaymentActivity } from './payment-activity'
import { keepAwakeDuringPayments } from './power-save'
import { guardQuit } from './quit-guard'
import { applyStartMode, syncOpenAtLogin } from './startup'
import { restoreBounds, trackWindowState } from './window-state'

export interface CheckoutDeps {
  app: Pick<
    App,
    | 'on'
    | 'getName'
    | 'getVersion'
    | 'getPath'
    | 'setLoginItemSettings'
    | 'setAboutPanelOptions'
    | 'showAboutPanel'
  >
  dialog: Pick<Dialog, 'showMessageBoxSync'>
  Menu: Pick<typeof Menu, 'buildFromTemplate' | 'setApplicationMenu'>
  powerSaveBlocker: Pick<PowerSaveBlocker, 'start' | 'stop'>
  screen: Pick<Screen, 'getAllDisplays' | 'getPrimaryDisplay'>
  shell: Pick<Shell, 'openPath'>
}

export interface CheckoutOptions {
  settings: AppSettings
  /** The services' event subscription (payments in flight are learnt from its events). */
  subscribe(sink: EventSink): () => void
  /** Operations already in flight at start (recovered after a crash or power cut). */
  activePayments?: () => Promise<readonly PaymentStatusEvent[]> | readonly PaymentStatusEvent[]
  getWindow(): BrowserWindow | undefined
  dataDir: string
  /** Developer tools in the View menu: development builds only. */
  devTools: boolean
  iconPath?: string
  platform?: NodeJS.Platform
  /** For the Linux autostart entry: `XDG_CONFIG_HOME` and `APPIMAGE` (defaults: process.env). */
  env?: Readonly<Record<string, string | undefined>>
  /** The executable to autostart when not an AppImage (default: process.execPath). */
  execPath?: string
}

export interface Checkout {
  /** Where to open the window (undefined: the default size, centred). */
  initialBounds(): WindowBounds | undefined
  /** Maximise / full screen / kiosk as saved and set, and start saving bounds and guarding close. */
  attach(win: BrowserWindow): void
  /** Payments in flight right now. */
  readonly activity: PaymentActivity
}

/**
 * The desktop-shell behaviours in one place, so `index.ts` only composes: login item,
 * application menu, keep-awake and quit confirmation while payments run, window restore.
 */
export function setUpCheckout(deps: CheckoutDeps, options: CheckoutOptions): Checkout {
  const { settings } = options
  const platform = options.platform ?? process.platform
  const activity = new PaymentActivity()
  options.subscribe(activity)
  const { activePayments } = options
  if (activePayments) {
    // Without the snapshot the activity is still learnt from the next events; nothing to show.
    void Promise.resolve()
      .then(activePayments)
      .then((statuses) => activity.seed(statuses))
      .catch(() => undefined)
  }

  keepAwakeDuringPayments(
    activity,
    deps.powerSaveBlocker,
    () => settings.get().preventSleepDuringPayments,
  )
  const quitGuard = guardQuit(
    { app: deps.app, dialog: deps.dialog },
    {
      inFlight: () => activity.count,
      isEnabled: () => settings.get().confirmQuitDuringPayments,
      getWindow: options.getWindow,
    },
  )
  const env = options.env ?? process.env
  const loginItems = loginItemsFor(deps.app, platform, () => ({
    configDir: env['XDG_CONFIG_HOME'] || join(deps.app.getPath('home'), '.config'),
    execPath: env['APPIMAGE'] || (options.execPath ?? process.execPath),
    appName: deps.app.getName(),
  }))
  syncOpenAtLogin(loginItems, settings)
  installAppMenu(
    { Menu: deps.Menu, app: deps.app },
    {
      platform,
      appName: deps.app.getName(),
      version: deps.app.getVersion(),
      devTools: options.devTools,
      settings: settings.get(),
      loginItemsSupported: loginItems !== undefined,
      changeSettings: (patch) => settings.update(patch),
      showAbout: () => deps.app.showAboutPanel(),
      openDataFolder: () => void deps.shell.openPath(options.dataDir),
      ...(options.iconPath ? { iconPath: options.iconPath } : {}),
    },
  )

  return {
    activity,
    initialBounds() {
      const s = settings.get()
      if (!s.rememberWindowBounds) return undefined
      return restoreBounds(
        s.windowState?.bounds,
        deps.screen.getAllDisplays(),
        deps.screen.getPrimaryDisplay(),
      )
    },
    attach(win) {
      const s = settings.get()
      if (s.rememberWindowBounds && s.windowState?.maximized) win.maximize()
      applyStartMode(win, s.startMode)
      trackWindowState(win, (windowState) => {
        if (settings.get().rememberWindowBounds) settings.update({ windowState })
      })
      quitGuard.watchWindow(win)
    },
  }
}
