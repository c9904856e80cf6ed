import { afterEach, describe, expect, it } from 'vitest'
import { createServices, type Services } from '../../../src/main/services'
import { removeTempDirs, tempDir } from './support'

let services: Services | undefined
afterEach(async () => {
  await services?.dispose()
  services = undefined
  await removeTempDirs()
})

describe('merchants in the composed services', () => {
  it('first start: the demo merchant lists the simulator terminals, and events reach subscribers', async () => {
    services = await createServices({
      dataDir: await tempDir(),
      appName: 'a',
      appVersion: '1',
      shell: 'browser',
    })
    const events: string[] = []
    services.subscribe({ emit: (name) => events.push(name) })
    const snapshot = await services.handlers.listMerchants(undefined, { senderId: 't' })
    const demo = snapshot.merchants[0]!
    expect(demo).toMatchObject({ demo: true, environment: 'simulator', keyState: 'ok' })
    const list = await services.handlers.listTerminals(
      { merchantId: demo.id, refresh: true },
      { senderId: 't' },
    )
    expect(list.offline).toBe(false)
    expect(list.terminals.length).toBeGreaterThan(0)
    expect(events).toContain('onMerchantsChanged')
  })
})
