import type { MenuItemConstructorOptions } from 'electron'
import type { AppSettingsData, SettingsPatch, StartMode } from './app-settings'

export interface MenuOptions {
  platform: NodeJS.Platform
  appName: string
  /** Developer tools and reload only in development builds, never at the counter. */
  devTools: boolean
  settings: Readonly<AppSettingsData>
  /** Electron manages login items on Windows and macOS only. */
  loginItemsSupported: boolean
  changeSettings(patch: SettingsPatch): void
  showAbout(): void
  openDataFolder(): void
}

const START_MODE_LABELS: Record<StartMode, string> = {
  windowed: 'Open in a Window',
  fullscreen: 'Open Full Screen',
  kiosk: 'Open in Kiosk Mode',
}

/** The application menu: the usual roles plus the checkout settings (README "Checkout settings"). */
export function buildMenuTemplate(o: MenuOptions): MenuItemConstructorOptions[] {
  const isMac = o.platform === 'darwin'
  const view: MenuItemConstructorOptions = {
    label: 'View',
    submenu: [
      ...(o.devTools
        ? ([
            { role: 'reload' },
            { role: 'forceReload' },
            { role: 'toggleDevTools' },
            { type: 'separator' },
          ] satisfies MenuItemConstructorOptions[])
        : []),
      { role: 'resetZoom' },
      { role: 'zoomIn' },
      { role: 'zoomOut' },
      { type: 'separator' },
      { role: 'togglefullscreen' },
    ],
  }
  const help: MenuItemConstructorOptions = {
    role: 'help',
    submenu: [
      { label: 'Show Data Folder', click: () => o.openDataFolder() },
      // macOS has About in the app menu already.
      ...(isMac ? [] : [{ label: `About ${o.appName}`, click: () => o.showAbout() }]),
    ],
  }
  return [
    isMac ? { role: 'appMenu' } : { role: 'fileMenu' },
    { role: 'editMenu' },
    view,
    checkoutMenu(o),
    { role: 'windowMenu' },
    help,
  ]
}

function checkoutMenu(o: MenuOptions): MenuItemConstructorOptions {
  const s = o.settings
  const toggle = (
    label: string,
    key:
      | 'openAtLogin'
      | 'rememberWindowBounds'
      | 'preventSleepDuringPayments'
      | 'confirmQuitDuringPayments',
  ): MenuItemConstructorOptions => ({
    label,
    type: 'checkbox',
    checked: s[key],
    click: (item) => o.changeSettings({ [key]: item.checked }),
  })
  return {
    label: 'Checkout',
    submenu: [
      ...(o.loginItemsSupported ? [toggle('Open at Login', 'openAtLogin'), sep()] : []),
      { label: 'When the App Starts', enabled: false },
      ...(Object.keys(START_MODE_LABELS) as StartMode[]).map(
        (mode): MenuItemConstructorOptions => ({
          label: START_MODE_LABELS[mode],
          type: 'radio',
          checked: s.startMode === mode,
          click: (item) => {
            if (item.checked) o.changeSettings({ startMode: mode })
          },
        }),
      ),
      sep(),
      toggle('Remember Window Position', 'rememberWindowBounds'),
      toggle('Keep the Computer Awake During Payments', 'preventSleepDuringPayments'),
      toggle('Ask Before Quitting During a Payment', 'confirmQuitDuringPayments'),
    ],
  }
}

const sep = (): MenuItemConstructorOptions => ({ type: 'separator' })

export interface MenuDeps<M> {
  Menu: {
    buildFromTemplate(template: MenuItemConstructorOptions[]): M
    setApplicationMenu(menu: M | null): void
  }
  app: {
    setAboutPanelOptions(options: {
      applicationName: string
      applicationVersion: string
      copyright?: string
      iconPath?: string
    }): void
  }
}

/** Sets the About panel (name, version) and installs the menu built from `options`. */
export function installAppMenu<M>(
  deps: MenuDeps<M>,
  options: MenuOptions & { version: string; iconPath?: string },
): void {
  deps.app.setAboutPanelOptions({
    applicationName: options.appName,
    applicationVersion: options.version,
    copyright: 'Copyright © POS Companion team',
    ...(options.iconPath ? { iconPath: options.iconPath } : {}),
  })
  deps.Menu.setApplicationMenu(deps.Menu.buildFromTemplate(buildMenuTemplate(options)))
}
