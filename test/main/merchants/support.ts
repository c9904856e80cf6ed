import { mkdtemp, readdir, rm, stat } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { ClientConfig, Device, HandpointClient } from '../../../src/main/handpoint/types'
import { createJsonProfileStore } from '../../../src/main/merchants/profile-store'
import { createTestOnlySecretBox, type SecretBox } from '../../../src/main/merchants/secret-box'
import { MerchantService, type MerchantServiceOptions } from '../../../src/main/merchants/service'
import { NoticeBoard } from '../../../src/main/notices/notices'

export const FIXTURES = join(import.meta.dirname, '../../fixtures/merchants')
export const COM = 'https://cloud.handpoint.com'
export const IO = 'https://cloud.handpoint.io'
export const SIM = { apiBaseUrl: 'http://127.0.0.1:9', statusBaseUrl: 'http://127.0.0.1:10' }
export const DEMO_KEY = 'DEMO-KEY-PUBLIC'

/** Thrown by the fake cloud; the service reads only `kind`, like it does on HandpointError. */
export class FakeHandpointError extends Error {
  constructor(readonly kind: string) {
    super(`fake ${kind}`)
  }
}

const tempDirs: string[] = []
export async function tempDir(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'pos-merchants-'))
  tempDirs.push(dir)
  return dir
}
export async function removeTempDirs(): Promise<void> {
  for (const dir of tempDirs.splice(0)) await rm(dir, { recursive: true, force: true })
}

/**
 * A tiny in-memory Handpoint cloud: which key lists which terminals on which host, plus a switch
 * for "no network". Records every client config built (host + key) for binding assertions.
 */
export function fakeCloud(accounts: Record<string, Record<string, Device[]>>) {
  const built: ClientConfig[] = []
  const started: { apiKey: string; serial: string }[] = []
  const state = { offline: false }
  const factory = (config: ClientConfig): HandpointClient => {
    built.push(config)
    const fail = (kind: string) => Promise.reject(new FakeHandpointError(kind))
    return {
      listDevices() {
        if (state.offline) return fail('network')
        const devices = accounts[config.apiBaseUrl]?.[config.apiKey]
        return devices ? Promise.resolve(devices.map((d) => ({ ...d }))) : fail('forbidden')
      },
      startTransaction(input) {
        started.push({ apiKey: config.apiKey, serial: input.serialNumber })
        return Promise.resolve({ statusMessage: 'Operation Accepted' })
      },
      getTransactionResult: () => fail('not-found'),
      getStatusByReference: () => fail('not-found'),
      getStatusChain: () => fail('not-found'),
      adjustTip: () => fail('bad-request'),
    }
  }
  return { factory, built, started, state }
}

export function device(serialNumber: string, terminalType = 'PAXA920'): Device {
  return { serialNumber, terminalType }
}

export async function openService(
  dataDir: string,
  overrides: Partial<MerchantServiceOptions> & { box?: SecretBox } = {},
): Promise<MerchantService> {
  const { box, ...rest } = overrides
  return MerchantService.open({
    dataDir,
    store: createJsonProfileStore({ dataDir, notices: new NoticeBoard() }),
    secretBox: box ?? createTestOnlySecretBox(),
    createClient: fakeCloud({}).factory,
    simulatorEndpoints: async () => SIM,
    demoApiKey: DEMO_KEY,
    ...rest,
  })
}

/** Every file below `dir` with its mode. */
export async function listFiles(dir: string): Promise<{ path: string; mode: number }[]> {
  const out: { path: string; mode: number }[] = []
  for (const entry of await readdir(dir, { withFileTypes: true, recursive: true })) {
    if (!entry.isFile()) continue
    const path = join(entry.parentPath, entry.name)
    out.push({ path, mode: (await stat(path)).mode & 0o777 })
  }
  return out
}
