/** English templates for the merchants domain's codes (see ./index.ts). */
export const merchantMessages = {
  merchant_not_found:
    'That merchant is not configured on this checkout. Choose another merchant or add it in the settings.',
  demo_merchant_key: "The demo merchant uses the simulator's public key; it has no key to replace.",
  custom_addresses_required: 'A custom environment needs its addresses.',
  simulator_unavailable:
    'The built-in simulator is not available in this build. Choose another environment.',
  terminal_not_bound:
    "Terminal {serial} is not one of {merchant}'s terminals, so nothing was sent. Refresh the terminal list and pick one of them.",
  key_missing: 'No API key is stored for {merchant}. Add it in Settings > Merchants.',
  key_needs_reentry:
    'The API key for {merchant} can no longer be read on this computer (the system keychain or user changed). Re-enter the key in Settings > Merchants.',
  key_revoked:
    'Handpoint no longer accepts the API key of {merchant}. Replace the key in Settings > Merchants; the terminals shown are the last known ones.',
  key_wrong_environment:
    'This key is not valid on {environment}, but it works on {suggested}. Choose that environment and add the merchant again.',
  key_rejected:
    'Handpoint did not accept this API key at {host}. Copy the whole key again from the Handpoint portal (Settings > API keys), check the environment, and try again. Nothing was saved.',
  key_check_offline:
    "Could not reach Handpoint at {host} to check the key. Check this checkout's internet connection and try again; nothing was saved.",
  key_check_failed:
    'Handpoint at {host} answered in an unexpected way while checking the key ({cause}). Try again in a minute; nothing was saved.',
  key_no_terminals:
    'The key works on {host}, but no terminals are linked to this merchant. Link a terminal to the merchant in the Handpoint portal, then add the merchant again.',
  keychain_locked:
    'The system keychain is not available right now, so the API key cannot be read. Unlock the keychain or sign in to the desktop session again, then retry.',
  keychain_unavailable:
    'This computer offers no secure storage for API keys right now (the system keychain is not available), so the key was not saved. Sign in to the desktop session or unlock the keychain, then try again.',
  insecure_storage_not_accepted:
    'This computer can only obfuscate API keys (Linux reports the basic_text password store), so anyone with access to your files could read them. Install and unlock a keyring such as GNOME Keyring or KWallet, or accept the risk in Settings > Merchants, then try again.',
  import_wrong_passphrase:
    'The passphrase is wrong, or the file was changed after it was exported. Check the passphrase and try again; nothing was imported.',
  import_newer_version:
    "This configuration file was made by a newer version of POS Companion (format {version}). Update this checkout's app, then import it again; nothing was imported.",
  import_not_a_configuration:
    'This file is not a POS Companion configuration file. Choose a file exported from POS Companion (Settings > Merchants > Export); nothing was imported.',
  import_fields_added:
    'This configuration file has fields an export never has, so it was changed after it was exported. Export it again from POS Companion (Settings > Merchants > Export); nothing was imported.',
  import_damaged:
    'This configuration file is damaged. Choose a file exported from POS Companion (Settings > Merchants > Export); nothing was imported.',
  terminals_offline:
    'Offline: Handpoint could not be reached; showing the terminals as last listed.',
  terminals_offline_never_listed:
    'Offline: Handpoint could not be reached and no terminal list was fetched before.',
  merchants_file_newer:
    'The merchants settings file was written by a newer version of POS Companion, so it was moved aside to {movedTo} and the app started without merchants. Import a configuration, add the merchants again, or restore that file.',
  merchants_file_damaged:
    'The merchants settings file is damaged, so it was moved aside to {movedTo} and the app started without merchants. Import a configuration, add the merchants again, or restore that file.',
  custom_url_not_https:
    'The address {address} uses plain http to another computer, which would send the API key unencrypted. Use an https address (plain http works only for an address on this computer).',
  import_custom_url_not_https:
    'This file cannot be imported because the merchant "{name}" uses the plain http address {address} on another computer, which would send its API key unencrypted. Change it to an https address on the checkout it came from and export again; nothing was imported.',

  // Where the callback listener may listen (src/main/payments/callback-binding.ts).
  callback_host_not_on_this_pc:
    "{host} is not an address of this computer, so the callback listener cannot listen there. Choose one of this computer's addresses in Settings > Merchants.",
  callback_host_unconfirmed:
    'The callback address {host} of "{merchant}" came with an imported configuration and is not confirmed on this checkout, so the app does not listen on it. Confirm it (or choose another address) in Settings > Merchants; until then results arrive by polling only.',
} as const satisfies Record<string, string>
