import { describe, expect, it, vi } from 'vitest'
import { eventChannels, operationChannels, operations, events } from '@shared/contract'
import { tempServices } from '../../support/temp-services'

describe('contract, handlers and preload parity', () => {
  /** Loads the preload afresh against a fresh electron mock and returns the exposed api. */
  async function loadPreload() {
    vi.resetModules()
    const mock = await import('../../mocks/electron')
    await import('../../../src/preload/index')
    return {
      mock,
      api: mock.contextBridge.exposed.get('api') as Record<string, (...a: unknown[]) => unknown>,
    }
  }

  it('every contract operation has exactly one handler and one preload function', async () => {
    const { handlers } = await tempServices()
    const opNames = Object.keys(operations).sort()
    expect(Object.keys(operationChannels).sort()).toEqual(opNames)
    expect(Object.keys(handlers).sort()).toEqual(opNames)
    expect(Object.keys(events).sort()).toEqual(Object.keys(eventChannels).sort())
    const channels = Object.values(operationChannels)
    expect(new Set(channels).size).toBe(channels.length)

    const { api } = await loadPreload()
    expect(Object.isFrozen(api)).toBe(true)
    expect(Object.keys(api).sort()).toEqual(
      [...Object.keys(operationChannels), ...Object.keys(eventChannels)].sort(),
    )
    expect(api).not.toHaveProperty('invoke')
    expect(api).not.toHaveProperty('send')
  })

  it('preload functions call their own channel, and subscriptions unsubscribe', async () => {
    const { api, mock } = await loadPreload()
    const ipcRenderer = mock.ipcRenderer
    await api['getAppInfo']!()
    expect(ipcRenderer.invoked).toEqual([{ channel: 'app:get-info', payload: undefined }])

    const seen: unknown[] = []
    const off = api['onAppNotice']!((p: unknown) => seen.push(p)) as () => void
    ipcRenderer.emit('app:notice', { sender: 'secret' }, { level: 'info', code: 'internal' })
    off()
    ipcRenderer.emit('app:notice', {}, { level: 'info', code: 'forbidden' })
    expect(seen).toEqual([{ level: 'info', code: 'internal' }])
  })
})
