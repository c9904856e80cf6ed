import { beforeEach, describe, expect, it } from 'vitest'
import { ipcMain, MockWebContents, resetElectronMock } from '../../mocks/electron'
import { APP_ENTRY_URL, APP_ORIGIN, appOrigins } from '../../../src/main/app/app-protocol'
import { frameOrigin, registerIpc } from '../../../src/main/app/ipc'
import type { Route } from '../../../src/main/ipc/dispatcher'

const route: Route = {
  name: 'getAppInfo',
  channel: 'app:get-info',
  call: async () => ({ ok: true, data: 'answered' }),
} as unknown as Route

function register(origins: string[]) {
  const ours = new MockWebContents()
  registerIpc(ipcMain as never, [route], {
    isOurWindow: (sender) => sender === (ours as never),
    origins,
  })
  const handler = ipcMain.handlers.get('app:get-info')!
  return (url: string | undefined, sender: unknown = ours, parent?: object) =>
    handler({ sender, senderFrame: url === undefined ? null : { url, parent } }, undefined)
}

describe('the IPC sender check', () => {
  beforeEach(() => resetElectronMock())

  it('answers our window only from the exact app:// origin', async () => {
    const ask = register([APP_ORIGIN])
    expect(await ask(`${APP_ORIGIN}/index.html`)).toEqual({ ok: true, data: 'answered' })
    expect(await ask(`${APP_ORIGIN}/`)).toMatchObject({ ok: true })
  })

  it.each([
    'file:///tmp/evil/renderer/index.html', // the path-suffix match let this through
    'file:///opt/pos/resources/app.asar/out/renderer/index.html',
    'app://pos-companion.evil/index.html',
    'app://evil/index.html',
    'app://user@pos-companion/index.html',
    'app://pos-companion:8080/index.html',
    'https://pos-companion/index.html',
    'http://localhost:5173/',
    'about:blank',
    'data:text/html,<p>x</p>',
    'not a url',
  ])('refuses a frame at %s', async (url) => {
    const ask = register([APP_ORIGIN])
    expect(await ask(url)).toMatchObject({ ok: false, error: { code: 'forbidden' } })
  })

  it('refuses another window, a sub-frame and a frame that is gone, even at the right origin', async () => {
    const ask = register([APP_ORIGIN])
    expect(await ask(APP_ENTRY_URL, new MockWebContents())).toMatchObject({ ok: false })
    expect(await ask(APP_ENTRY_URL, undefined, {})).toMatchObject({ ok: false })
    expect(await ask(undefined)).toMatchObject({ ok: false })
  })

  it('computes origins of custom schemes itself (URL gives "null" for them)', () => {
    expect(new URL(APP_ENTRY_URL).origin).toBe('null')
    expect(frameOrigin(APP_ENTRY_URL)).toBe(APP_ORIGIN)
    expect(frameOrigin('http://localhost:5173/src/main.ts')).toBe('http://localhost:5173')
    expect(frameOrigin('file:///tmp/x.html')).toBeUndefined()
    expect(frameOrigin('app://a:b@pos-companion/')).toBeUndefined()
  })
})

describe('which page the window loads and trusts', () => {
  it('is app:// when packaged, whatever the environment says', () => {
    expect(appOrigins({ isPackaged: true, devServerUrl: 'http://localhost:5173' })).toEqual({
      load: APP_ENTRY_URL,
      trusted: [APP_ORIGIN],
    })
    expect(appOrigins({ isPackaged: false })).toEqual({
      load: APP_ENTRY_URL,
      trusted: [APP_ORIGIN],
    })
  })

  it('is exactly the dev server when unpackaged with electron-vite dev', () => {
    expect(appOrigins({ isPackaged: false, devServerUrl: 'http://localhost:5173/' })).toEqual({
      load: 'http://localhost:5173/',
      trusted: ['http://localhost:5173'],
    })
  })

  it('ignores a dev server address that is not on this computer', () => {
    for (const devServerUrl of ['https://evil.example/', 'file:///tmp/x.html', 'nonsense']) {
      expect(appOrigins({ isPackaged: false, devServerUrl })).toEqual({
        load: APP_ENTRY_URL,
        trusted: [APP_ORIGIN],
      })
    }
  })
})
