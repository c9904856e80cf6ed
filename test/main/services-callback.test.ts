import { mkdtemp, rm } from 'node:fs/promises'
import { createServer, type Server } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { FINAL_STATES, type PaymentRecord } from '@shared/contract'
import { createServices, type Services } from '../../src/main/services'
import { testFakes } from '../support/test-fakes'

const ctx = { senderId: 't' }
const open: Services[] = []
const dirs: string[] = []
let blocker: Server | undefined

afterEach(async () => {
  for (const s of open.splice(0)) await s.dispose()
  blocker?.close()
  blocker = undefined
  for (const d of dirs.splice(0)) await rm(d, { recursive: true, force: true, maxRetries: 5 })
})

async function start(dataDir: string): Promise<Services> {
  const services = await createServices({
    ...testFakes(),
    dataDir,
    appName: 'a',
    appVersion: '1',
    shell: 'browser',
  })
  open.push(services)
  return services
}

/** Sets the demo merchant to the callback flow on `port`, then restarts the services. */
async function restartWithCallbacks(port: number): Promise<Services> {
  const dataDir = await mkdtemp(join(tmpdir(), 'pos-callback-'))
  dirs.push(dataDir)
  const first = await start(dataDir)
  await first.handlers.updateMerchant(
    {
      id: 'demo',
      patch: {
        resultFlow: {
          mode: 'callback',
          callbackHost: '127.0.0.1',
          callbackPort: port,
          confirmHost: true,
        },
      },
    },
    ctx,
  )
  await first.dispose()
  open.splice(open.indexOf(first), 1)
  return start(dataDir)
}

async function listen(): Promise<Server> {
  const server = createServer()
  await new Promise<void>((ok) => server.listen(0, '127.0.0.1', () => ok()))
  return server
}

const portOf = (server: Server): number => (server.address() as { port: number }).port

async function freePort(): Promise<number> {
  const server = await listen()
  const port = portOf(server)
  await new Promise<void>((ok) => server.close(() => ok()))
  return port
}

async function finalOf(services: Services, id: string): Promise<PaymentRecord> {
  for (let i = 0; i < 300; i++) {
    const record = await services.handlers.getPayment({ id }, ctx)
    if (FINAL_STATES.includes(record.state)) return record
    await new Promise((ok) => setTimeout(ok, 100))
  }
  throw new Error('the payment did not become final within 30 s')
}

describe('result flow chosen on the merchant', () => {
  it('a merchant set to callbacks gets its results pushed to this checkout', async () => {
    const services = await restartWithCallbacks(await freePort())
    const record = await services.handlers.startPayment(
      { merchantId: 'demo', terminalSerial: '0821032398', operation: 'sale', amountMinor: '250' },
      ctx,
    )
    expect(record.flow).toBe('callback')
    expect(record.transactionResultId).toBeUndefined() // callback mode: no polling id (§2.2)
    const final = await finalOf(services, record.id)
    expect(final.state).toBe('approved')
    expect(final.evidence.map((e) => e.code)).toContain('evidence_result_by_callback')
  })

  it('a polling merchant keeps polling', async () => {
    const dataDir = await mkdtemp(join(tmpdir(), 'pos-callback-'))
    dirs.push(dataDir)
    const services = await start(dataDir)
    const record = await services.handlers.startPayment(
      { merchantId: 'demo', terminalSerial: '0821032398', operation: 'sale', amountMinor: '250' },
      ctx,
    )
    expect(record.flow).toBe('poll')
    expect((await finalOf(services, record.id)).state).toBe('approved')
  })

  it('when the callback port is taken the app still starts and refuses callback payments in words', async () => {
    blocker = await listen()
    const services = await restartWithCallbacks(portOf(blocker))
    await expect(
      services.handlers.startPayment(
        { merchantId: 'demo', terminalSerial: '0821032398', operation: 'sale', amountMinor: '250' },
        ctx,
      ),
    ).rejects.toMatchObject({ code: 'callback_disabled' })
  })
})
