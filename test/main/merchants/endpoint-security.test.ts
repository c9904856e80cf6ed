import { afterEach, describe, expect, it } from 'vitest'
import {
  importConfiguration,
  previewImport,
} from '../../../src/main/merchants/configuration-transfer'
import { buildRoutes } from '../../../src/main/ipc/dispatcher'
import { createEndpointResolver } from '../../../src/main/merchants/endpoints'
import { sealConfiguration, type ExportedMerchant } from '../../../src/main/merchants/transfer'
import { tempServices } from '../../support/temp-services'
import { COM, device, fakeCloud, openService, removeTempDirs, tempDir } from './support'

afterEach(removeTempDirs)

const KEY = 'key-alpha-0000000000000000000A1b2'
const LAN = { apiBaseUrl: 'http://192.168.1.20:8080', statusBaseUrl: 'http://192.168.1.20:8081' }
const LOCAL = { apiBaseUrl: 'http://127.0.0.1:9', statusBaseUrl: 'http://localhost:10' }
const RELAY = { apiBaseUrl: 'https://relay.example', statusBaseUrl: 'https://relay.example' }

function cloud() {
  return fakeCloud({
    [COM]: { [KEY]: [device('111')] },
    [LOCAL.apiBaseUrl]: { [KEY]: [device('211')] },
    [LAN.apiBaseUrl]: { [KEY]: [device('311')] },
    [RELAY.apiBaseUrl]: { [KEY]: [device('411')] },
  })
}

const custom = (customUrls: typeof LAN) => ({
  name: 'Custom',
  environment: 'custom' as const,
  customUrls,
  currency: 'EUR',
  apiKey: KEY,
})

describe('a custom address over plain http to another computer', () => {
  it('is refused through the app window with the sentence the form shows', async () => {
    const services = await tempServices()
    const addMerchant = buildRoutes(services.handlers).find((r) => r.name === 'addMerchant')!
    const answer = await addMerchant.call(custom(LAN), { senderId: 't' })
    expect(answer).toMatchObject({
      ok: false,
      error: {
        code: 'custom_url_not_https',
        message: expect.stringMatching(
          /^The address http:\/\/192\.168\.1\.20:8080 uses plain http/,
        ),
      },
    })
  })

  it('is refused by the service before any request carries the key', async () => {
    const c = cloud()
    const service = await openService(await tempDir(), { createClient: c.factory })
    await expect(service.addMerchant(custom(LAN))).rejects.toMatchObject({
      code: 'custom_url_not_https',
      message: expect.stringMatching(/http:\/\/192\.168\.1\.20:8080 .* unencrypted\. Use an https/),
    })
    expect(c.built).toEqual([])
    expect(service.snapshot().merchants.filter((m) => !m.demo)).toEqual([])
  })

  it('is refused where addresses are resolved, so a stored one never gets a client', async () => {
    const resolve = createEndpointResolver()
    await expect(resolve('custom', LAN)).rejects.toMatchObject({ code: 'custom_url_not_https' })
    await expect(resolve('custom', LOCAL)).resolves.toEqual(LOCAL)
    await expect(resolve('custom', RELAY)).resolves.toEqual(RELAY)
  })

  it('makes a configuration import fail whole, naming the merchant, with nothing imported', async () => {
    const target = await openService(await tempDir(), { createClient: cloud().factory })
    const before = target.snapshot()
    const merchant: ExportedMerchant = {
      id: 'm-lan',
      name: 'Shop on the LAN',
      demo: false,
      environment: 'custom',
      customUrls: LAN,
      currency: 'EUR',
      terminals: [],
      resultFlow: { mode: 'poll' },
      limits: {},
      apiKey: KEY,
    }
    const content = await sealConfiguration([merchant], 'correct horse battery', new Date())
    for (const attempt of [
      () => previewImport(target, content, 'correct horse battery', 'merge'),
      () => importConfiguration(target, content, 'correct horse battery', 'merge', 1),
    ]) {
      await expect(attempt()).rejects.toMatchObject({
        code: 'import_custom_url_not_https',
        message: expect.stringMatching(
          /"Shop on the LAN".*http:\/\/192\.168\.1\.20:8080.*nothing was imported/,
        ),
      })
    }
    expect(target.snapshot()).toEqual(before)
  })
})

describe('plain http receipts from this computer', () => {
  it('are allowed for the simulator and custom addresses on loopback, per merchant', async () => {
    const service = await openService(await tempDir(), { createClient: cloud().factory })
    const production = await service.addMerchant({ ...custom(RELAY), environment: 'production' })
    const local = await service.addMerchant(custom(LOCAL))
    const relay = await service.addMerchant(custom(RELAY))
    const demo = service.snapshot().merchants.find((m) => m.demo)!
    expect(service.receiptsOverLoopbackHttp(demo.id)).toBe(true)
    expect(service.receiptsOverLoopbackHttp(local.id)).toBe(true)
    expect(service.receiptsOverLoopbackHttp(production.id)).toBe(false)
    expect(service.receiptsOverLoopbackHttp(relay.id)).toBe(false)
    expect(service.receiptsOverLoopbackHttp('no-such-merchant')).toBe(false)
  })
})
