import { beforeEach, describe, expect, it } from 'vitest'
import { ipcMain, MockWebContents, resetElectronMock } from '../../mocks/electron'
import { registerIpc, webContentsSink } from '../../../src/main/app/ipc'
import { buildRoutes } from '../../../src/main/ipc/dispatcher'
import { tempServices } from '../../support/temp-services'

async function routes() {
  const s = await tempServices({ shell: 'electron' })
  return buildRoutes(s.handlers)
}

describe('registerIpc', () => {
  beforeEach(() => resetElectronMock())

  it('answers only our window, main frame, app URL', async () => {
    const ours = new MockWebContents()
    const stranger = new MockWebContents()
    registerIpc(ipcMain as never, await routes(), {
      isOurWindow: (sender) => sender === (ours as never),
      origins: ['app://pos-companion'],
    })
    const handler = ipcMain.handlers.get('app:get-info')!
    const good = { sender: ours, senderFrame: { url: 'app://pos-companion/index.html' } }
    expect(await handler(good, undefined)).toMatchObject({ ok: true })
    const wrongSender = { sender: stranger, senderFrame: good.senderFrame }
    expect(await handler(wrongSender, undefined)).toMatchObject({
      ok: false,
      error: { code: 'forbidden' },
    })
    const subFrame = { sender: ours, senderFrame: { ...good.senderFrame, parent: {} } }
    expect(await handler(subFrame, undefined)).toMatchObject({ ok: false })
    const wrongUrl = { sender: ours, senderFrame: { url: 'https://evil.example/' } }
    expect(await handler(wrongUrl, undefined)).toMatchObject({ ok: false })
  })

  it('refuses to register a channel twice', async () => {
    const r = await routes()
    const anyone = { isOurWindow: () => true, origins: ['app://pos-companion'] }
    registerIpc(ipcMain as never, r, anyone)
    expect(() => registerIpc(ipcMain as never, r, anyone)).toThrow(/already registered/)
  })

  it('forwards events to a live window only', () => {
    const wc = new MockWebContents()
    const sink = webContentsSink(() => wc as never)
    const notice = (id: string) =>
      ({
        id,
        code: 'app_settings_file_damaged',
        params: { movedTo: '/x' },
        level: 'warning',
        at: 1,
      }) as const
    sink.emit('onAppNotice', notice('n-1'))
    wc.destroyed = true
    sink.emit('onAppNotice', notice('n-2'))
    expect(wc.sent).toEqual([{ channel: 'app:notice', payload: notice('n-1') }])
  })
})
