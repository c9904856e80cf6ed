import type {
  AddMerchantRequest,
  CallbackAddress,
  ExportedConfiguration,
  ImportMode,
  ImportPreview,
  MerchantPatch,
  MerchantView,
  MerchantsSnapshot,
  SecretStorageStatus,
  TerminalList,
} from '@shared/contract'
import { bridge, unwrap } from './bridge'

/** Merchants over the contract. No API key ever comes back: only keyState and a masked hint. */
export const merchantsClient = {
  list: (): Promise<MerchantsSnapshot> => unwrap(bridge().listMerchants()),
  add: (request: AddMerchantRequest): Promise<MerchantView> =>
    unwrap(bridge().addMerchant(request)),
  update: (id: string, patch: MerchantPatch, managerPin?: string): Promise<MerchantView> =>
    unwrap(bridge().updateMerchant({ id, patch, ...(managerPin ? { managerPin } : {}) })),
  remove: (id: string, managerPin?: string): Promise<{ removed: boolean }> =>
    unwrap(bridge().removeMerchant({ id, ...(managerPin ? { managerPin } : {}) })),
  replaceKey: (id: string, apiKey: string): Promise<MerchantView> =>
    unwrap(bridge().replaceApiKey({ id, apiKey })),
  terminals: (merchantId: string, refresh: boolean): Promise<TerminalList> =>
    unwrap(bridge().listTerminals({ merchantId, refresh })),
  setDefaultTerminal: (merchantId: string, serialNumber: string | null): Promise<MerchantView> =>
    unwrap(bridge().setDefaultTerminal({ merchantId, serialNumber })),
  setActive: (id: string): Promise<{ activeMerchantId: string }> =>
    unwrap(bridge().setActiveMerchant({ id })),
  acceptInsecureStorage: (accepted: boolean): Promise<SecretStorageStatus> =>
    unwrap(bridge().acceptInsecureStorage({ accepted })),
  exportConfiguration: (passphrase: string): Promise<ExportedConfiguration> =>
    unwrap(bridge().exportConfiguration({ passphrase })),
  previewImport: (content: string, passphrase: string, mode: ImportMode): Promise<ImportPreview> =>
    unwrap(bridge().previewImport({ content, passphrase, mode })),
  importConfiguration: (
    content: string,
    passphrase: string,
    mode: ImportMode,
    managerPin?: string,
  ): Promise<ImportPreview> =>
    unwrap(
      bridge().importConfiguration({
        content,
        passphrase,
        mode,
        ...(managerPin ? { managerPin } : {}),
      }),
    ),
  callbackAddresses: (): Promise<CallbackAddress[]> =>
    unwrap(bridge().listCallbackAddresses()).then((r) => r.addresses),
  onChanged: (listener: (snapshot: MerchantsSnapshot) => void): (() => void) =>
    bridge().onMerchantsChanged(listener),
}
