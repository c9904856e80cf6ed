import { describe, expect, it, vi } from 'vitest'
import { AppError, operationChannels } from '@shared/contract'
import { describe as describeMessage, msg } from '@shared/messages'
import { buildRoutes } from '../../../src/main/ipc/dispatcher'
import type { HandlerTable } from '../../../src/main/ipc/handlers'
import { tempServices } from '../../support/temp-services'

let dataDir = ''
async function handlers(): Promise<HandlerTable> {
  const services = await tempServices()
  dataDir = services.dataDir
  return services.handlers
}

const ctx = { senderId: '1' }

describe('buildRoutes', () => {
  it('answers with an ok Result', async () => {
    const routes = buildRoutes(await handlers())
    const info = routes.find((r) => r.channel === 'app:get-info')!
    await expect(info.call(undefined, ctx)).resolves.toEqual({
      ok: true,
      data: { name: 'POS Companion', version: '1.2.3', dataDir, shell: 'browser' },
    })
  })

  it('never lets a payload that violates the schema reach the handler', async () => {
    const table = await handlers()
    const spy = vi.fn(table.getAppInfo)
    const routes = buildRoutes({ ...table, getAppInfo: spy })
    const info = routes.find((r) => r.name === 'getAppInfo')!
    const result = await info.call({ sneaky: true }, ctx)
    expect(result.ok).toBe(false)
    expect(!result.ok && result.error.code).toBe('invalid_request')
    expect(spy).not.toHaveBeenCalled()
  })

  it('turns an AppError into its code and message, and hides unexpected errors', async () => {
    const table = await handlers()
    const logged: string[] = []
    const failing = buildRoutes(
      {
        ...table,
        getAppInfo: () => {
          throw new AppError(msg('terminal_busy', { serial: 'T1' }))
        },
      },
      { logError: (m) => logged.push(m) },
    )
    await expect(failing[0]!.call(undefined, ctx)).resolves.toEqual({
      ok: false,
      error: {
        code: 'terminal_busy',
        params: { serial: 'T1' },
        message: describeMessage('terminal_busy', { serial: 'T1' }),
      },
    })
    const crashing = buildRoutes(
      {
        ...table,
        getAppInfo: () => {
          throw new Error('boom ApiKeyCloud: sk_live_123 card 4111 1111 1111 1111')
        },
      },
      { logError: (m) => logged.push(m) },
    )
    const result = await crashing[0]!.call(undefined, ctx)
    expect(!result.ok && result.error.code).toBe('internal')
    expect(JSON.stringify(result)).not.toContain('boom')
    expect(logged.at(-1)).toContain('boom')
    expect(logged.at(-1)).not.toContain('sk_live_123')
    expect(logged.at(-1)).not.toContain('4111')
  })

  it('refuses a handler that is not in the contract and a missing handler', async () => {
    const table = await handlers()
    expect(() => buildRoutes({ ...table, extra: () => 1 } as never)).toThrow(/not in the contract/)
    const { getAppInfo: _omit, ...rest } = table
    expect(() => buildRoutes(rest as never)).toThrow(/No handler/)
  })

  it('has one route per contract operation', async () => {
    const routes = buildRoutes(await handlers())
    expect(routes.map((r) => r.channel).sort()).toEqual(Object.values(operationChannels).sort())
  })
})
