import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach } from 'vitest'
import { createServices, type Services, type ServicesOptions } from '../../src/main/services'
import { testFakes } from './test-fakes'

const opened: { services: Services; dir: string }[] = []

afterEach(async () => {
  for (const { services, dir } of opened.splice(0)) {
    await services.dispose()
    await rm(dir, { recursive: true, force: true, maxRetries: 5, retryDelay: 50 })
  }
})

/** Real services over a fresh temporary data directory, disposed and removed after each test. */
export async function tempServices(
  options: Partial<Omit<ServicesOptions, 'dataDir'>> = {},
): Promise<Services & { dataDir: string }> {
  const dir = await mkdtemp(join(tmpdir(), 'pos-services-'))
  const services = await createServices({
    appName: 'POS Companion',
    appVersion: '1.2.3',
    shell: 'browser',
    ...testFakes(),
    ...options,
    dataDir: dir,
  })
  opened.push({ services, dir })
  return Object.assign(services, { dataDir: dir })
}
