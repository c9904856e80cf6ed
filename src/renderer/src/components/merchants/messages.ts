import { useI18n } from 'vue-i18n'
import { de } from './messages-de'

/**
 * Texts of the merchants screens, kept with the components (local i18n scope) so this work does
 * not edit the app-wide message files. A language without its own file falls back to English.
 */
const en = {
  title: 'Merchants and API keys',
  intro:
    'Each merchant has its own Handpoint API key and terminals. Keys are stored encrypted on this computer and are never shown again.',
  demo: 'Demo',
  active: 'In use at this checkout',
  useHere: 'Use at this checkout',
  env: {
    production: 'Production (cloud.handpoint.com)',
    development: 'Development (cloud.handpoint.io)',
    simulator: 'Built-in simulator',
    custom: 'Custom address',
  },
  keyState: {
    ok: 'API key stored {hint}',
    missing: 'No API key stored. Add one below to take payments.',
    'needs-reentry':
      'The API key can no longer be read on this computer (new user account or keychain changed). Re-enter it below.',
  },
  demoKey: 'Uses the simulator’s public demo key. No real money moves.',
  terminals: 'Terminals',
  noTerminals: 'No terminals listed yet.',
  fetchedAt: 'Listed by Handpoint on {time}',
  offline: 'Offline: showing terminals as of {time}.',
  offlineNever: 'Offline, and this merchant’s terminals were never listed.',
  refresh: 'Refresh terminals',
  defaultTerminal: 'Default terminal at this checkout',
  noDefault: 'No default',
  preferences: 'Preferences',
  name: 'Name',
  currency: 'Default currency',
  flow: 'How results arrive',
  flowPoll: 'Ask Handpoint (polling, works everywhere)',
  flowCallback: 'Terminal calls this checkout (callback)',
  callbackHost: 'Address terminals reach this checkout on',
  callbackPort: 'Port',
  customerCopy: 'Customer receipt',
  merchantCopy: 'Merchant receipt',
  copy: {
    always: 'Always print',
    ask: 'Ask each time',
    never: 'Never print',
    'on-signature': 'Only when signed',
  },
  ownCopyRules: 'Own receipt rules for this merchant',
  copyRulesHelp:
    'Without its own rules a merchant follows this checkout’s receipt printing settings. The printer, paper width and number of copies are always set there, for this checkout.',
  refundCeiling: 'Highest refund without a manager (minor units, empty = no limit)',
  save: 'Save preferences',
  saved: 'Saved.',
  replaceKey: 'Replace API key',
  newKey: 'New API key',
  checkAndSave: 'Check and save key',
  remove: 'Remove merchant',
  confirmRemove: 'Remove {name} and its API key from this checkout?',
  confirm: 'Yes, remove',
  cancel: 'Cancel',
  add: {
    title: 'Add a merchant',
    help: 'Copy the API key from the Handpoint portal. Production keys work on cloud.handpoint.com, development keys on cloud.handpoint.io; the key is checked with Handpoint before it is saved.',
    environment: 'Environment',
    apiBaseUrl: 'API address',
    statusBaseUrl: 'Status address',
    apiKey: 'API key',
    submit: 'Check key and add',
    checking: 'Checking the key with Handpoint…',
    added: '{name} was added with {count} terminal(s).',
  },
  storage: {
    unavailable:
      'This computer offers no secure storage for API keys right now (backend: {backend}). Keys cannot be added until the system keychain is available.',
    weak: 'This computer can only obfuscate API keys (Linux basic_text store): anyone who can read your files could recover them. Install and unlock GNOME Keyring or KWallet, or accept the risk.',
    accept: 'I understand; store keys with basic_text anyway',
    accepted: 'You accepted storing keys with the weak basic_text store.',
    revoke: 'Stop accepting',
    backend: 'Key storage: {backend}',
  },
  transfer: {
    title: 'Move the configuration to another checkout',
    help: 'Export writes all merchants, settings and API keys to one file, encrypted with a passphrase you choose. Import it on another checkout with the same passphrase.',
    passphrase: 'Passphrase (at least 8 characters)',
    export: 'Export configuration',
    exported: 'Saved {file}. Keep the passphrase separate from the file.',
    file: 'Configuration file',
    mode: 'When a merchant already exists here',
    merge: 'Merge: add new merchants, replace those in the file, keep the others',
    replace: 'Replace: this checkout ends up with exactly the merchants in the file',
    preview: 'Check file',
    willAdd: 'Will add: {names}',
    willReplace: 'Will replace: {names}',
    willRemove: 'Will remove: {names}',
    nothing: 'nothing',
    import: 'Import now',
    imported: 'Imported. Added {add}, replaced {replace}, removed {remove}.',
  },
}

export type MerchantMessages = typeof en

export function useMerchantsText() {
  return useI18n<{ message: MerchantMessages }, 'en' | 'de'>({
    useScope: 'local',
    messages: { en, de },
  })
}
