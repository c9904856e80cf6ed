import type { CallbackAddress, MerchantsSnapshot } from '@shared/contract'
import type { ManagerCheck } from './ceiling-guard'
import type { Endpoints } from './endpoints'
import type { ProfileStore } from './profile-store'
import type { SecretBox } from './secret-box'
import type { ClientFactory } from './verify-key'

/** What the merchants service is built from (the app, the CLI and tests pass these). */
export interface MerchantServiceOptions {
  dataDir: string
  store: ProfileStore
  secretBox: SecretBox
  createClient: ClientFactory
  /** Address of the built-in simulator, started on first use. */
  simulatorEndpoints?: () => Promise<Endpoints>
  /** The simulator's public demo key (not a secret). */
  demoApiKey: string
  now?: () => number
  /** Pushed after every change (the `onMerchantsChanged` event). */
  onChange?: (snapshot: MerchantsSnapshot) => void
  requestTimeoutMs?: number
  /** Sends a request of the merchant's key through the key's request budget (shared with the
   * payment engine and terminal care); sent at once when absent. */
  budget?: <T>(merchantId: string, request: () => Promise<T>) => Promise<T>
  /**
   * The manager PIN: once one is set, raising or removing a ceiling needs it. Absent: nobody is
   * asked (tests of other things); the app and the CLI always pass it.
   */
  manager?: ManagerCheck
  /** This computer's addresses (tests pin them); default: its network interfaces and loopback. */
  localAddresses?: () => CallbackAddress[]
}
