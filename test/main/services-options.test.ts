import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { createServices, type ServicesOptions } from '../../src/main/services'
import { testFakes } from '../support/test-fakes'

let dataDir: string | undefined
afterEach(async () => {
  if (dataDir) await rm(dataDir, { recursive: true, force: true })
  dataDir = undefined
})

// The app must never take payments with an in-memory key box or a printer that prints nothing:
// a composition root that forgets one fails at start-up, before any window opens.
describe('createServices without its Electron adapters', () => {
  it.each([
    ['secretBox', /needs a secretBox/],
    ['printer', /needs a printer/],
  ] as const)('refuses to start without a %s', async (left, message) => {
    dataDir = await mkdtemp(join(tmpdir(), 'pos-options-'))
    const { [left]: _omitted, ...rest } = testFakes()
    const options = { ...rest, dataDir, appName: 'a', appVersion: '1', shell: 'browser' }
    await expect(createServices(options as unknown as ServicesOptions)).rejects.toThrow(message)
  })
})
