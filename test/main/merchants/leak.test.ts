import { readFile } from 'node:fs/promises'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { operationChannels } from '@shared/contract'
import { buildRoutes } from '../../../src/main/ipc/dispatcher'
import { createMerchantHandlers } from '../../../src/main/merchants/handlers'
import {
  COM,
  IO,
  device,
  fakeCloud,
  listFiles,
  openService,
  removeTempDirs,
  tempDir,
} from './support'

afterEach(() => {
  vi.restoreAllMocks()
  return removeTempDirs()
})

const CANARY_1 = 'CANARY-KEY-1-7f3a9c2e5b8d4f61'
const CANARY_2 = 'CANARY-KEY-2-0d1e2f3a4b5c6d7e'

describe('API keys never leak', () => {
  it('after a scripted session no file, log line or response holds a canary key in clear', async () => {
    const logged: string[] = []
    for (const level of ['log', 'info', 'warn', 'error', 'debug'] as const) {
      vi.spyOn(console, level).mockImplementation((...args: unknown[]) => {
        logged.push(args.map(String).join(' '))
      })
    }
    const dataDir = await tempDir()
    const cloud = fakeCloud({
      [COM]: { [CANARY_1]: [device('111')] },
      [IO]: { [CANARY_2]: [device('222')] },
    })
    const service = await openService(dataDir, { createClient: cloud.factory })
    const routes = buildRoutes({ ...stubOthers(), ...createMerchantHandlers(service) } as never, {
      logError: (m) => logged.push(m),
    })
    const call = (name: string, payload?: unknown) =>
      routes.find((r) => r.name === name)!.call(payload, { senderId: 'test' })

    const responses = [
      await call('addMerchant', {
        name: 'One',
        environment: 'production',
        currency: 'EUR',
        apiKey: CANARY_1,
      }),
      await call('addMerchant', {
        name: 'Two',
        environment: 'production',
        currency: 'EUR',
        apiKey: CANARY_2,
      }),
      await call('addMerchant', {
        name: 'Two',
        environment: 'development',
        currency: 'EUR',
        apiKey: CANARY_2,
      }),
      await call('listMerchants'),
      await call('replaceApiKey', { id: 'demo', apiKey: CANARY_1 }),
    ]
    const one = service.snapshot().merchants.find((m) => m.name === 'One')!
    responses.push(await call('listTerminals', { merchantId: one.id, refresh: true }))
    responses.push(await call('replaceApiKey', { id: one.id, apiKey: CANARY_1 }))
    responses.push(await call('exportConfiguration', { passphrase: 'a long passphrase' }))
    cloud.state.offline = true
    responses.push(await call('listTerminals', { merchantId: one.id, refresh: true }))
    responses.push(
      await call('addMerchant', {
        name: 'X',
        environment: 'production',
        currency: 'EUR',
        apiKey: CANARY_2,
      }),
    )
    const exported = responses[7] as { ok: true; data: { content: string } }
    responses.push(
      await call('importConfiguration', {
        content: exported.data.content,
        passphrase: 'a long passphrase',
        mode: 'merge',
      }),
    )
    await (
      await service.clientFor(one.id)
    ).startTransaction({
      operation: 'sale',
      serialNumber: '111',
      terminalType: 'PAXA920',
      amountMinor: '1',
      currency: 'EUR',
    })

    expect(responses.filter((r) => !r.ok).map((r) => (r.ok ? '' : r.error.code))).toEqual([
      'key_wrong_environment',
      'demo_merchant_key',
      'key_check_offline',
    ])
    const files = await listFiles(dataDir)
    expect(files.length).toBeGreaterThan(2)
    for (const file of files) {
      const bytes = await readFile(file.path)
      for (const canary of [CANARY_1, CANARY_2]) {
        expect(bytes.includes(canary), `${file.path} holds a key in clear`).toBe(false)
        expect(bytes.includes(Buffer.from(canary).toString('base64'))).toBe(false)
      }
      if (file.path.includes('secrets')) expect(file.mode).toBe(0o600)
    }
    const everything = JSON.stringify(responses) + logged.join('\n')
    expect(everything).not.toContain(CANARY_1)
    expect(everything).not.toContain(CANARY_2)
  })
})

/** The other domains' handlers are not part of this session. */
function stubOthers(): Record<string, () => never> {
  const refuse = (): never => {
    throw new Error('not part of this test')
  }
  return Object.fromEntries(Object.keys(operationChannels).map((name) => [name, refuse]))
}
