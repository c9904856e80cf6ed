import { mkdtemp, rm } from 'node:fs/promises'
import { connect } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { sealConfiguration, type ExportedMerchant } from '../../src/main/merchants/transfer'
import {
  callbackBindingOf,
  localAddresses,
  type CallbackSettings,
} from '../../src/main/payments/callback-binding'
import { createServices, type Services } from '../../src/main/services'
import { testFakes } from '../support/test-fakes'

/**
 * The callback listener listens only on an address of this computer that a person chose or
 * confirmed in Settings here: an imported configuration cannot open a port on the network (or
 * on every address) by itself.
 */

const ctx = { senderId: 't' }
const open: Services[] = []
const dirs: string[] = []

afterEach(async () => {
  for (const s of open.splice(0)) await s.dispose()
  for (const d of dirs.splice(0)) await rm(d, { recursive: true, force: true, maxRetries: 5 })
})

const LAN = {
  address: '192.168.7.20',
  netmask: '255.255.255.0',
  family: 'IPv4',
  mac: '',
  internal: false,
  cidr: null,
} as const

describe('the addresses of this computer', () => {
  it('are loopback and each interface address, never a wildcard or an IPv6 link-local one', () => {
    const found = localAddresses({
      eth0: [
        LAN,
        { ...LAN, address: 'fe80::1', family: 'IPv6', scopeid: 2 },
        { ...LAN, address: '2001:DB8::7', family: 'IPv6', scopeid: 0 },
      ],
      lo: [{ ...LAN, address: '127.0.0.1', internal: true }],
    })
    expect(found.map((a) => a.address)).toEqual(['127.0.0.1', '::1', '192.168.7.20', '2001:db8::7'])
  })

  it('bind only where a person confirmed an address of this computer', () => {
    const addresses = localAddresses({ eth0: [LAN] })
    const merchant = (flow: CallbackSettings['resultFlow']): CallbackSettings[] => [
      { merchantId: 'm', merchantName: 'Shop', resultFlow: flow },
    ]
    expect(callbackBindingOf(merchant({ mode: 'poll' }), addresses)).toEqual({ kind: 'none' })
    expect(
      callbackBindingOf(
        merchant({
          mode: 'callback',
          callbackHost: '192.168.7.20',
          callbackPort: 8443,
          callbackHostConfirmed: true,
        }),
        addresses,
      ),
    ).toEqual({ kind: 'listen', merchantId: 'm', host: '192.168.7.20', port: 8443 })
    expect(
      callbackBindingOf(
        merchant({ mode: 'callback', callbackHost: '0.0.0.0', callbackPort: 8443 }),
        addresses,
      ),
    ).toEqual({
      kind: 'refused',
      merchantId: 'm',
      why: { code: 'callback_host_unconfirmed', params: { host: '0.0.0.0', merchant: 'Shop' } },
    })
    // Even "confirmed" in a hand-edited file: a wildcard is no address of this computer.
    for (const host of ['0.0.0.0', '::', '10.9.9.9', 'pos.example.com']) {
      expect(
        callbackBindingOf(
          merchant({
            mode: 'callback',
            callbackHost: host,
            callbackPort: 8443,
            callbackHostConfirmed: true,
          }),
          addresses,
        ),
      ).toMatchObject({ kind: 'refused', why: { code: 'callback_host_not_on_this_pc' } })
    }
    // No address chosen: this computer only.
    expect(
      callbackBindingOf(merchant({ mode: 'callback', callbackPort: 8443 }), addresses),
    ).toEqual({ kind: 'listen', merchantId: 'm', host: '127.0.0.1', port: 8443 })
  })
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

async function restart(services: Services, dataDir: string): Promise<Services> {
  await services.dispose()
  open.splice(open.indexOf(services), 1)
  return start(dataDir)
}

function listening(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect({ host: '127.0.0.1', port }, () => {
      socket.destroy()
      resolve(true)
    })
    socket.on('error', () => resolve(false))
  })
}

async function freePort(): Promise<number> {
  const { createServer } = await import('node:net')
  const server = createServer()
  await new Promise<void>((ok) => server.listen(0, '127.0.0.1', () => ok()))
  const port = (server.address() as { port: number }).port
  await new Promise<void>((ok) => server.close(() => ok()))
  return port
}

describe('an imported configuration', () => {
  it('cannot make the listener listen until a person confirms the address here', async () => {
    const dataDir = await mkdtemp(join(tmpdir(), 'pos-binding-'))
    dirs.push(dataDir)
    const port = await freePort()
    let services = await start(dataDir)
    const demo = (await services.handlers.listMerchants(undefined, ctx)).merchants[0]!
    // A file that claims its address was confirmed, on every address of the computer.
    const claimed = {
      ...demo,
      resultFlow: {
        mode: 'callback',
        callbackHost: '0.0.0.0',
        callbackPort: port,
        callbackHostConfirmed: true,
      },
    } as unknown as ExportedMerchant
    const content = await sealConfiguration([claimed], 'passphrase-1', new Date())
    await services.handlers.importConfiguration(
      { content, passphrase: 'passphrase-1', mode: 'replace' },
      ctx,
    )
    const imported = (await services.handlers.listMerchants(undefined, ctx)).merchants[0]!
    expect(imported.resultFlow).toMatchObject({
      callbackHost: '0.0.0.0',
      callbackHostConfirmed: false,
    })

    services = await restart(services, dataDir)
    expect(await listening(port)).toBe(false)
    await expect(
      services.handlers.startPayment(
        {
          merchantId: 'demo',
          terminalSerial: '0821032398',
          operation: 'sale',
          amountMinor: '250',
          currency: 'EUR',
        },
        ctx,
      ),
    ).rejects.toMatchObject({ code: 'callback_disabled' })

    // Confirming the wildcard is refused in words; an address of this computer is taken.
    const flow = { mode: 'callback' as const, callbackPort: port, confirmHost: true }
    await expect(
      services.handlers.updateMerchant(
        { id: 'demo', patch: { resultFlow: { ...flow, callbackHost: '0.0.0.0' } } },
        ctx,
      ),
    ).rejects.toMatchObject({ code: 'callback_host_not_on_this_pc', params: { host: '0.0.0.0' } })
    const addresses = (await services.handlers.listCallbackAddresses(undefined, ctx)).addresses
    expect(addresses.map((a) => a.address)).toContain('127.0.0.1')
    expect(addresses.map((a) => a.address)).not.toContain('0.0.0.0')
    const confirmed = await services.handlers.updateMerchant(
      { id: 'demo', patch: { resultFlow: { ...flow, callbackHost: '127.0.0.1' } } },
      ctx,
    )
    expect(confirmed.resultFlow.callbackHostConfirmed).toBe(true)
    services = await restart(services, dataDir)
    expect(await listening(port)).toBe(true)

    // The export never carries this checkout's confirmation.
    const exported = await services.handlers.exportConfiguration(
      { passphrase: 'passphrase-2' },
      ctx,
    )
    const again = await mkdtemp(join(tmpdir(), 'pos-binding-'))
    dirs.push(again)
    const other = await start(again)
    await other.handlers.importConfiguration(
      { content: exported.content, passphrase: 'passphrase-2', mode: 'replace' },
      ctx,
    )
    const there = (await other.handlers.listMerchants(undefined, ctx)).merchants[0]!
    expect(there.resultFlow).toMatchObject({
      callbackHost: '127.0.0.1',
      callbackHostConfirmed: false,
    })
  })
})
