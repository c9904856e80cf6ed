import type { MenuItemConstructorOptions } from 'electron'
import { beforeEach, describe, expect, it } from 'vitest'
import { app, Menu, resetElectronMock } from '../../mocks/electron'
import { DEFAULT_APP_SETTINGS, type SettingsPatch } from '../../../src/main/app/app-settings'
import { buildMenuTemplate, installAppMenu, type MenuOptions } from '../../../src/main/app/menu'

function options(overrides: Partial<MenuOptions> = {}) {
  const changes: SettingsPatch[] = []
  const calls: string[] = []
  const o: MenuOptions = {
    platform: 'win32',
    appName: 'POS Companion',
    devTools: false,
    settings: DEFAULT_APP_SETTINGS,
    loginItemsSupported: true,
    changeSettings: (patch) => changes.push(patch),
    showAbout: () => calls.push('about'),
    openDataFolder: () => calls.push('data'),
    ...overrides,
  }
  return { o, changes, calls }
}

type Item = MenuItemConstructorOptions
const items = (menu: Item | undefined): Item[] => (menu?.submenu as Item[] | undefined) ?? []
const roles = (list: Item[]) => list.map((i) => i.role ?? i.label ?? i.type)
const find = (list: Item[], label: string) => list.find((i) => i.label === label)!
const click = (item: Item, checked: boolean) =>
  (item.click as (i: { checked: boolean }) => void)({ checked })

describe('buildMenuTemplate', () => {
  it('has the usual menus on Windows and Linux, with About under Help', () => {
    const { o, calls } = options()
    const menu = buildMenuTemplate(o)
    expect(roles(menu)).toEqual(['fileMenu', 'editMenu', 'View', 'Checkout', 'windowMenu', 'help'])
    find(items(menu[5]), 'About POS Companion').click!(
      undefined as never,
      undefined,
      undefined as never,
    )
    expect(calls).toEqual(['about'])
  })

  it('uses the app menu on macOS, which already holds About', () => {
    const menu = buildMenuTemplate(options({ platform: 'darwin' }).o)
    expect(roles(menu)).toEqual(['appMenu', 'editMenu', 'View', 'Checkout', 'windowMenu', 'help'])
    expect(roles(items(menu[5]))).toEqual(['Show Data Folder'])
  })

  it('offers no developer tools or reload in production builds', () => {
    const production = roles(items(buildMenuTemplate(options().o)[2]))
    expect(production).toEqual(['resetZoom', 'zoomIn', 'zoomOut', 'separator', 'togglefullscreen'])
    const dev = roles(items(buildMenuTemplate(options({ devTools: true }).o)[2]))
    expect(dev).toContain('toggleDevTools')
    expect(dev).toContain('reload')
  })

  it('shows the checkout settings as they are and changes them when clicked', () => {
    const settings = { ...DEFAULT_APP_SETTINGS, startMode: 'kiosk' as const }
    const { o, changes } = options({ settings })
    const checkout = items(buildMenuTemplate(o)[3])
    expect(find(checkout, 'Open at Login').checked).toBe(false)
    expect(find(checkout, 'Open in Kiosk Mode').checked).toBe(true)
    expect(find(checkout, 'Open in a Window').checked).toBe(false)
    expect(find(checkout, 'Keep the Computer Awake During Payments').checked).toBe(true)

    click(find(checkout, 'Open at Login'), true)
    click(find(checkout, 'Open Full Screen'), true)
    click(find(checkout, 'Ask Before Quitting During a Payment'), false)
    click(find(checkout, 'Remember Window Position'), false)
    expect(changes).toEqual([
      { openAtLogin: true },
      { startMode: 'fullscreen' },
      { confirmQuitDuringPayments: false },
      { rememberWindowBounds: false },
    ])
  })

  it('hides the login item where Electron cannot set one', () => {
    const checkout = items(buildMenuTemplate(options({ loginItemsSupported: false }).o)[3])
    expect(checkout.find((i) => i.label === 'Open at Login')).toBeUndefined()
  })
})

describe('installAppMenu', () => {
  beforeEach(() => resetElectronMock())

  it('sets the About panel with the version and installs the menu', () => {
    installAppMenu({ Menu, app }, { ...options().o, version: '1.2.3', iconPath: '/r/icon.png' })
    expect(app.aboutPanelOptions).toMatchObject({
      applicationName: 'POS Companion',
      applicationVersion: '1.2.3',
      iconPath: '/r/icon.png',
    })
    expect(roles(Menu.application!.template as Item[])).toContain('editMenu')
  })
})
