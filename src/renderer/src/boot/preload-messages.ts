/**
 * Runs before the app's entry, as a module script of its own that the build puts in index.html
 * (electron.vite.config.ts): asks for the saved language's messages chunk at once, so it loads
 * beside the app's chunks instead of after the app's code has run. The app's own import of the
 * same chunk then finds it loaded. It stays tiny: no framework, only the settings reader.
 */
import { savedCheckoutSettings, type CheckoutLocale } from '../lib/checkout-settings'

/** The messages chunk of each language, relative to this script; the build fills it in. */
declare const MESSAGE_CHUNKS: Record<CheckoutLocale, string>

const link = document.createElement('link')
link.rel = 'modulepreload'
link.href = new URL(MESSAGE_CHUNKS[savedCheckoutSettings().locale], import.meta.url).href
document.head.append(link)
