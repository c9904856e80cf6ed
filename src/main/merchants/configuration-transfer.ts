import {
  AppError,
  type ExportedConfiguration,
  type ImportMode,
  type ImportPreview,
} from '@shared/contract'
import { msg } from '@shared/messages'
import { isClearTextToNetwork, originOf } from '@shared/net/loopback'
import { ceilingOf, liftsCeiling, requireManager } from './ceiling-guard'
import type { MerchantProfile } from './profile-schema'
import type { MerchantService } from './service'
import { exportedFlow, importedFlow } from './result-flow'
import { openConfiguration, sealConfiguration, type ExportedMerchant } from './transfer'
import { keyHintOf } from './views'

/**
 * Export and import of the whole merchant configuration as one passphrase-protected file, so one
 * prepared configuration can be copied to several checkouts without a network.
 */

/** Exports every merchant; keys that cannot be read on this machine are left out (not guessed). */
export async function exportConfiguration(
  service: MerchantService,
  passphrase: string,
  now: Date,
): Promise<ExportedConfiguration & { withoutKey: string[] }> {
  const merchants: ExportedMerchant[] = []
  const withoutKey: string[] = []
  for (const m of service.profiles()) {
    const { keyState: _s, keyFile: _f, keyHint: _h, createdAt: _c, updatedAt: _u, ...rest } = m
    let apiKey: string | undefined
    if (!m.demo) {
      const read = await service.vault.read(m.keyFile)
      if (read.state === 'ok') apiKey = read.apiKey
      else withoutKey.push(m.name)
    }
    // A confirmation of a callback address is this checkout's, not the configuration's.
    merchants.push({
      ...rest,
      resultFlow: exportedFlow(m.resultFlow),
      ...(apiKey ? { apiKey } : {}),
    })
  }
  const content = await sealConfiguration(merchants, passphrase, now)
  const day = now.toISOString().slice(0, 10)
  return { fileName: `pos-companion-merchants-${day}.json`, content, withoutKey }
}

/** What an import would do, without changing anything. */
export async function previewImport(
  service: MerchantService,
  content: string,
  passphrase: string,
  mode: ImportMode,
): Promise<ImportPreview> {
  return planImport(service.profiles(), await openChecked(content, passphrase), mode)
}

/**
 * Opens the file and applies the rules a merchant added here must meet, which a file made
 * elsewhere (or edited) need not: no custom address that would send a key in clear.
 */
async function openChecked(content: string, passphrase: string): Promise<ExportedMerchant[]> {
  const incoming = await openConfiguration(content, passphrase)
  for (const m of incoming) {
    const urls = m.environment === 'custom' ? m.customUrls : undefined
    const clear = urls && [urls.apiBaseUrl, urls.statusBaseUrl].find(isClearTextToNetwork)
    if (clear) {
      throw new AppError(
        msg('import_custom_url_not_https', { name: m.name, address: originOf(clear) }),
      )
    }
  }
  return incoming
}

function planImport(
  current: readonly MerchantProfile[],
  incoming: ExportedMerchant[],
  mode: ImportMode,
): ImportPreview {
  const incomingIds = new Set(incoming.map((m) => m.id))
  const currentIds = new Set(current.map((m) => m.id))
  return {
    mode,
    add: incoming.filter((m) => !currentIds.has(m.id)).map((m) => m.name),
    replace: current.filter((m) => incomingIds.has(m.id)).map((m) => m.name),
    remove:
      mode === 'replace' ? current.filter((m) => !incomingIds.has(m.id)).map((m) => m.name) : [],
  }
}

/** Whether the import raises or removes a ceiling of a merchant on this checkout. */
function liftsAnyCeiling(
  current: readonly MerchantProfile[],
  incoming: readonly ExportedMerchant[],
  mode: ImportMode,
): boolean {
  return current.some((here) => {
    const there = incoming.find((m) => m.id === here.id)
    if (!there && mode === 'merge') return false
    return liftsCeiling(ceilingOf(here), ceilingOf(there))
  })
}

/**
 * Applies an import all or nothing: the file is decrypted and validated and every key re-encrypted
 * with this machine's SecretBox in memory first; new key files get fresh names, the profiles are
 * switched over in one atomic write, and only then are the old key files deleted.
 */
export async function importConfiguration(
  service: MerchantService,
  content: string,
  passphrase: string,
  mode: ImportMode,
  now: number,
  managerPin?: string,
): Promise<ImportPreview> {
  const incoming = await openChecked(content, passphrase)
  const plan = planImport(service.profiles(), incoming, mode)
  if (liftsAnyCeiling(service.profiles(), incoming, mode)) {
    await requireManager(service.manager, managerPin)
  }
  const sealed = incoming.map((m) => (m.apiKey ? service.vault.seal(m.apiKey) : undefined))
  const written: string[] = []
  try {
    const profiles: MerchantProfile[] = []
    for (const [i, m] of incoming.entries()) {
      const { apiKey, ...rest } = m
      const ciphertext = sealed[i]
      const keyFile = ciphertext ? await service.vault.write(m.id, ciphertext) : undefined
      if (keyFile) written.push(keyFile)
      const hint = apiKey ? keyHintOf(apiKey) : undefined
      profiles.push({
        ...rest,
        resultFlow: importedFlow(
          rest.resultFlow,
          service.profiles().find((p) => p.id === m.id),
        ),
        keyState: m.demo || keyFile ? 'ok' : 'missing',
        ...(keyFile ? { keyFile } : {}),
        ...(hint ? { keyHint: hint } : {}),
        createdAt: now,
        updatedAt: now,
      })
    }
    const replacedFiles = await service.mutate((file) => {
      const ids = new Set(profiles.map((p) => p.id))
      const dropped = file.merchants.filter((m) => mode === 'replace' || ids.has(m.id))
      const kept = file.merchants.filter((m) => !dropped.includes(m))
      file.merchants = [...kept, ...profiles]
      file.settings.demoSeeded = true
      return dropped.map((m) => m.keyFile)
    })
    for (const keyFile of replacedFiles) await service.vault.remove(keyFile)
  } catch (err) {
    for (const keyFile of written) await service.vault.remove(keyFile)
    throw err
  }
  return plan
}
