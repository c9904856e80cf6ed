import { afterEach, describe, expect, it } from 'vitest'
import { createServices, type Services } from '../../../src/main/services'
import { testFakes } from '../../support/test-fakes'
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
      ...testFakes(),
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

  it('the payment engine reaches the demo terminals through the directory with no refresh first', async () => {
    services = await createServices({
      ...testFakes(),
      dataDir: await tempDir(),
      appName: 'a',
      appVersion: '1',
      shell: 'browser',
    })
    const record = await services.handlers.startPayment(
      {
        merchantId: 'demo',
        terminalSerial: '0821032398',
        operation: 'sale',
        amountMinor: '100',
        currency: 'EUR',
      },
      { senderId: 't' },
    )
    expect(record).toMatchObject({
      merchantId: 'demo',
      terminalSerial: '0821032398',
      terminalType: 'PAXA920PRO',
    })
    await expect(
      services.handlers.startPayment(
        {
          merchantId: 'demo',
          terminalSerial: '9999999999',
          operation: 'sale',
          amountMinor: '100',
          currency: 'EUR',
        },
        { senderId: 't' },
      ),
    ).rejects.toBeDefined()
  })
})
