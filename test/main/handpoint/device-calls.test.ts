import { afterEach, describe, expect, it } from 'vitest'
import {
  readDeviceHealth,
  type HandpointCloudClient,
  type HandpointError,
} from '../../../src/main/handpoint'
import { APPROVED_SALE } from './fixtures'
import { BUSY, NOT_LISTENING } from './fixtures-edge'
import { clientFor, rejection, startStub, type Stub, type StubReply } from './stub-server'

/** pingDevice, the device commands and deviceStatus, against example answers. */

const PAX = { serialNumber: '0000000000', terminalType: 'PAXIM30' }

let stub: Stub | undefined
afterEach(async () => {
  await stub?.close()
  stub = undefined
})
async function serve(...replies: StubReply[]) {
  stub = await startStub((_req, index) => replies[Math.min(index, replies.length - 1)]!)
  return stub
}

describe('pingDevice', () => {
  it('posts pingDevice with returnDeviceInfo and reads the 202', async () => {
    const accepted = { transactionResultId: '0000000000-1', statusMessage: 'Operation Accepted' }
    const s = await serve({ status: 202, body: accepted })
    const client = clientFor(s)
    await expect(client.pingDevice(PAX)).resolves.toEqual(accepted)
    await client.pingDevice(PAX, { returnDeviceInfo: false })
    expect(s.requests.map((r) => [r.url, JSON.parse(r.body)])).toEqual([
      [
        '/transactions',
        {
          operation: 'pingDevice',
          serial_number: '0000000000',
          terminal_type: 'PAXIM30',
          returnDeviceInfo: true,
        },
      ],
      [
        '/transactions',
        {
          operation: 'pingDevice',
          serial_number: '0000000000',
          terminal_type: 'PAXIM30',
          returnDeviceInfo: false,
        },
      ],
    ])
  })
})

describe('terminal commands', () => {
  const calls: [string, (c: HandpointCloudClient) => Promise<unknown>, unknown][] = [
    ['set-unattended-mode', (c) => c.setUnattendedMode(PAX, true), { status: true }],
    ['set-locale', (c) => c.setLocale(PAX, 'de_DE'), { locale: 'de_DE' }],
    ['set-password-protected', (c) => c.setPasswordProtected(PAX, false), { status: false }],
    ['reboot', (c) => c.reboot(PAX, { force: true }), { force: true }],
    [
      'set-screen-brightness',
      (c) => c.setScreenBrightness(PAX, { minimum: 0, maximum: 100 }),
      { minimumBrightnessLevel: 0, maximumBrightnessLevel: 100 },
    ],
    ['set-reboot-time', (c) => c.setRebootTime(PAX, 23), { hour: 23 }],
  ]

  it('posts each documented body and reports 202 as sent, never applied', async () => {
    const s = await serve({ status: 202 })
    for (const [name, call] of calls) {
      await expect(call(clientFor(s))).resolves.toEqual({ command: name, outcome: 'sent' })
    }
    expect(s.requests.map((r) => [r.method, r.url, JSON.parse(r.body)])).toEqual(
      calls.map(([name, , body]) => ['POST', `/devices/PAXIM30/0000000000/${name}`, body]),
    )
  })

  it('refuses out-of-range and ill-typed values before any request', async () => {
    const s = await serve({ status: 202 })
    const c = clientFor(s)
    const refused: [string, () => Promise<unknown>][] = [
      ['maximumBrightnessLevel', () => c.setScreenBrightness(PAX, { minimum: 0, maximum: 101 })],
      ['minimumBrightnessLevel', () => c.setScreenBrightness(PAX, { minimum: -1, maximum: 10 })],
      ['minimumBrightnessLevel', () => c.setScreenBrightness(PAX, { minimum: 10.5, maximum: 20 })],
      ['minimumBrightnessLevel', () => c.setScreenBrightness(PAX, { minimum: 60, maximum: 40 })],
      ['hour', () => c.setRebootTime(PAX, 24)],
      ['hour', () => c.setRebootTime(PAX, -1)],
      ['hour', () => c.setRebootTime(PAX, 1.5)],
      ['locale', () => c.setLocale(PAX, 'en-GB' as never)],
      ['status', () => c.setUnattendedMode(PAX, 'yes' as never)],
      ['force', () => c.reboot(PAX, undefined as never)],
      ['command', () => c.sendTerminalCommand(PAX, { command: 'self-destruct' } as never)],
      ['serialNumber', () => c.reboot({ ...PAX, serialNumber: '' }, { force: false })],
    ]
    for (const [field, call] of refused) {
      const error = await rejection<HandpointError>(call())
      expect({ field, kind: error.kind, path: error.fieldErrors?.[0]?.path }).toEqual({
        field,
        kind: 'invalid-input',
        path: field,
      })
    }
    expect(s.requests).toHaveLength(0)
  })

  it('reads the documented error answers', async () => {
    const s = await serve(
      { status: 400, body: NOT_LISTENING },
      { status: 400, body: BUSY },
      {
        status: 400,
        body: { error: { statusCode: 400, name: 'BadRequestError', message: 'hour out of range' } },
      },
      {
        status: 422,
        body: {
          error: {
            statusCode: 422,
            name: 'UnprocessableEntityError',
            code: 'VALIDATION_FAILED',
            details: [{ path: '/force', code: 'type', message: 'must be boolean' }],
          },
        },
      },
      { status: 403, body: { error: { statusCode: 403, name: 'ForbiddenError' } } },
    )
    const c = clientFor(s)
    const kinds = []
    for (let i = 0; i < 5; i++) {
      const error = await rejection<HandpointError>(c.reboot(PAX, { force: false }))
      kinds.push([error.kind, error.terminalCode, error.ambiguous])
    }
    expect(kinds).toEqual([
      ['terminal-offline', 1002, false],
      ['terminal-busy', 1001, false],
      ['bad-request', undefined, false],
      ['validation', undefined, false],
      ['forbidden', undefined, false],
    ])
  })

  it('calls a command without an answer ambiguous and does not send it again', async () => {
    const s = await serve('hang')
    const error = await rejection<HandpointError>(
      clientFor(s, { timeoutMs: 100 }).reboot(PAX, { force: false }),
    )
    expect(error).toMatchObject({ kind: 'timeout', ambiguous: true })
    expect(s.requests).toHaveLength(1)
  })
})

describe('1001 and 1002 are recognisable on every call', () => {
  const everyCall: [string, (c: HandpointCloudClient) => Promise<unknown>][] = [
    ['listDevices', (c) => c.listDevices()],
    ['startTransaction', (c) => c.startTransaction({ operation: 'pingDevice', ...PAX })],
    ['getTransactionResult', (c) => c.getTransactionResult('0000000000-1')],
    ['getStatusByReference', (c) => c.getStatusByReference('ref')],
    ['getStatusChain', (c) => c.getStatusChain('ref', 'last')],
    ['getStatusAll', (c) => c.getStatusAll('ref')],
    ['adjustTip', (c) => c.adjustTip('guid', '1.00')],
    ['closeBatch', (c) => c.closeBatch(PAX)],
    ['getBatchSummary', (c) => c.getBatchSummary({ ...PAX, batchNumber: '1', currency: 'EUR' })],
    ['getBatchDetail', (c) => c.getBatchDetail({ ...PAX, batchNumber: '1', currency: 'EUR' })],
    ['pingDevice', (c) => c.pingDevice(PAX)],
    ['setLocale', (c) => c.setLocale(PAX, 'en_CA')],
  ]

  it.each([
    [BUSY, 'terminal-busy', 1001],
    [NOT_LISTENING, 'terminal-offline', 1002],
  ])('%#: %s', async (body, kind, code) => {
    const s = await serve({ status: 400, body })
    for (const [name, call] of everyCall) {
      const error = await rejection<HandpointError>(call(clientFor(s)))
      expect({ name, kind: error.kind, code: error.terminalCode }).toEqual({ name, kind, code })
    }
  })
})

describe('readDeviceHealth', () => {
  it('types the deviceStatus of the documented result', () => {
    expect(readDeviceHealth(APPROVED_SALE)).toEqual({
      appName: 'Payments',
      appVersion: '20.4.12.1',
      charging: false,
      batteryPercent: 80,
      batteryMillivolts: 3922,
      externalPower: 'USB',
      onExternalPower: true,
      serialNumber: '1850025030',
    })
  })

  it('reads Full, None and Unknown', () => {
    const health = (deviceStatus: Record<string, string>) =>
      readDeviceHealth({ finStatus: 'PROCESSED', deviceStatus })
    expect(health({ batteryCharging: 'Full', externalPower: 'AC' })).toEqual({
      charging: false,
      batteryFull: true,
      externalPower: 'AC',
      onExternalPower: true,
    })
    expect(health({ batteryCharging: 'Charging', externalPower: 'None' })).toMatchObject({
      charging: true,
      onExternalPower: false,
    })
    expect(health({ externalPower: 'Unknown' })).toEqual({ externalPower: 'UNKNOWN' })
  })

  it('reads ping device info in undocumented shapes and keeps what is there', () => {
    expect(
      readDeviceHealth({
        finStatus: 'PROCESSED',
        deviceInfo: {
          appVersion: '21.0.1',
          sdkVersion: '7.1010.3',
          firmwareVersion: 'PayDroid_10.0_Sloth_V20.1.07',
          battery: { level: 55, charging: true },
        },
      }),
    ).toEqual({
      appVersion: '21.0.1',
      sdkVersion: '7.1010.3',
      firmwareVersion: 'PayDroid_10.0_Sloth_V20.1.07',
      batteryPercent: 55,
      charging: true,
    })
    expect(
      readDeviceHealth({
        finStatus: 'PROCESSED',
        customData: '{"SDK_VERSION":"7.1009.5","battery_percentage":"12%"}',
      }),
    ).toEqual({ sdkVersion: '7.1009.5', batteryPercent: 12 })
  })

  it('leaves out what it cannot read and never throws', () => {
    expect(readDeviceHealth({ finStatus: 'AUTHORISED' })).toBeUndefined()
    expect(
      readDeviceHealth({ deviceStatus: { batteryStatus: '180', batterymV: 'x' } }),
    ).toBeUndefined()
    expect(readDeviceHealth({ customData: 'table 4' })).toBeUndefined()
    expect(
      readDeviceHealth({ constructor: 'x', toString: '1', deviceInfo: { valueOf: 2 } }),
    ).toBeUndefined()
    for (const odd of [null, 42, 'x', [], { deviceStatus: [1, 2] }, { deviceStatus: null }]) {
      expect(readDeviceHealth(odd)).toBeUndefined()
    }
  })
})
