import type { HandlerTable } from '../ipc/handlers'
import { exportConfiguration, importConfiguration, previewImport } from './configuration-transfer'
import type { MerchantService } from './service'

type MerchantHandlers = Pick<
  HandlerTable,
  | 'listMerchants'
  | 'addMerchant'
  | 'updateMerchant'
  | 'removeMerchant'
  | 'replaceApiKey'
  | 'listTerminals'
  | 'setDefaultTerminal'
  | 'setActiveMerchant'
  | 'acceptInsecureStorage'
  | 'exportConfiguration'
  | 'previewImport'
  | 'importConfiguration'
  | 'listCallbackAddresses'
>

/** The merchants slice of the IPC handler table: parse is done by the dispatcher, logic by the service. */
export function createMerchantHandlers(
  service: MerchantService,
  now: () => number = Date.now,
): MerchantHandlers {
  return {
    listMerchants: () => service.snapshot(),
    addMerchant: (request) => service.addMerchant(request),
    updateMerchant: ({ id, patch, managerPin }) => service.updateMerchant(id, patch, managerPin),
    removeMerchant: async ({ id, managerPin }) => {
      await service.removeMerchant(id, managerPin)
      return { removed: true }
    },
    replaceApiKey: ({ id, apiKey }) => service.replaceApiKey(id, apiKey),
    listTerminals: ({ merchantId, refresh }) => service.listTerminals(merchantId, refresh),
    setDefaultTerminal: ({ merchantId, serialNumber }) =>
      service.setDefaultTerminal(merchantId, serialNumber),
    setActiveMerchant: async ({ id }) => ({
      activeMerchantId: await service.setActiveMerchant(id),
    }),
    acceptInsecureStorage: ({ accepted }) => service.acceptInsecureStorage(accepted),
    exportConfiguration: async ({ passphrase }) => {
      const { fileName, content } = await exportConfiguration(service, passphrase, new Date(now()))
      return { fileName, content }
    },
    previewImport: ({ content, passphrase, mode }) =>
      previewImport(service, content, passphrase, mode),
    importConfiguration: ({ content, passphrase, mode, managerPin }) =>
      importConfiguration(service, content, passphrase, mode, now(), managerPin),
    listCallbackAddresses: () => ({ addresses: service.callbackAddresses() }),
  }
}
