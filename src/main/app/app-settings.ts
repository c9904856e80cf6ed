import { join } from 'node:path'
import { z } from 'zod'
import type { Notices } from '../notices/notices'
import { JsonDocument } from '../storage/json-document'

/**
 * Checkout behaviours a shop can switch on or off (README "Checkout settings"). Stored in
 * `app-settings.json` in userData as a JsonDocument, like every other small file of the app; this
 * module only needs a tiny backend port so the rules (schema, defaults, repair of a hand-edited
 * file) are testable without files.
 */

const int = z.number().int().finite()
export const windowBoundsSchema = z.object({
  x: int,
  y: int,
  width: int.positive(),
  height: int.positive(),
})
export type WindowBounds = z.infer<typeof windowBoundsSchema>

export const windowStateSchema = z.object({
  bounds: windowBoundsSchema,
  maximized: z.boolean(),
})
export type WindowState = z.infer<typeof windowStateSchema>

export const START_MODES = ['windowed', 'fullscreen', 'kiosk'] as const
export type StartMode = (typeof START_MODES)[number]

// Each field repairs itself (`catch`): a typo in one hand-edited value falls back to that value's
// default instead of throwing away every other setting or refusing to start at the counter.
export const appSettingsSchema = z.object({
  /** Start the app when the cashier logs in to the computer (Windows, macOS, Linux desktops). */
  openAtLogin: z.boolean().default(false).catch(false),
  /** How the window opens: a normal window, full screen, or kiosk (full screen, no way out but quit). */
  startMode: z.enum(START_MODES).default('windowed').catch('windowed'),
  /** Reopen the window where it was, on a screen that is still there. */
  rememberWindowBounds: z.boolean().default(true).catch(true),
  /** Keep the computer from sleeping while a payment is in flight. */
  preventSleepDuringPayments: z.boolean().default(true).catch(true),
  /** Ask before quitting while a payment is in flight. */
  confirmQuitDuringPayments: z.boolean().default(true).catch(true),
  /** Last window position and size; written by the app, not meant for editing. */
  windowState: windowStateSchema.optional().catch(undefined),
})
export type AppSettingsData = z.infer<typeof appSettingsSchema>
export type SettingsPatch = Partial<AppSettingsData>

export const DEFAULT_APP_SETTINGS: AppSettingsData = appSettingsSchema.parse({})

/** Where settings are kept; `app-settings.json` in the app, a plain object in tests. */
export interface SettingsBackend {
  read(): unknown
  write(data: AppSettingsData): void
}

export class AppSettings {
  private data: AppSettingsData
  private readonly listeners = new Set<(settings: AppSettingsData) => void>()

  constructor(private readonly backend: SettingsBackend) {
    const stored = backend.read()
    this.data = appSettingsSchema.parse(isObject(stored) ? stored : {})
  }

  /** The current settings (a frozen copy: change them with `update`). */
  get(): Readonly<AppSettingsData> {
    return Object.freeze({ ...this.data })
  }

  /**
   * Validates and stores a change, then tells every listener. Throws on a value the schema
   * refuses, so a programming error never reaches the file.
   */
  update(patch: SettingsPatch): Readonly<AppSettingsData> {
    const next = appSettingsSchema.parse({ ...this.data, ...settingsPatchSchema.parse(patch) })
    this.data = next
    this.backend.write(next)
    for (const listener of this.listeners) listener(this.get())
    return this.get()
  }

  /** Calls `listener` after every successful update; returns the unsubscribe function. */
  onChange(listener: (settings: AppSettingsData) => void): () => void {
    this.listeners.add(listener)
    return () => this.listeners.delete(listener)
  }
}

// `catch` on every field would turn a bad patch into a silent default; updates must be exact.
// A test keeps its keys equal to appSettingsSchema's.
export const settingsPatchSchema = z
  .object({
    openAtLogin: z.boolean(),
    startMode: z.enum(START_MODES),
    rememberWindowBounds: z.boolean(),
    preventSleepDuringPayments: z.boolean(),
    confirmQuitDuringPayments: z.boolean(),
    windowState: windowStateSchema.optional(),
  })
  .partial()
  .strict()

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

/**
 * Opens the settings kept in `<userData>/app-settings.json`. Synchronous: the window's size and
 * mode are needed before it opens. Single bad values are repaired by the schema above; a file that
 * is not usable at all is moved aside with a notice, and the defaults apply.
 */
export function openAppSettings(userDataDir: string, notices: Notices): AppSettings {
  const document = new JsonDocument<AppSettingsData>({
    path: join(userDataDir, 'app-settings.json'),
    schema: appSettingsSchema,
    defaults: () => ({ ...DEFAULT_APP_SETTINGS }),
    onDamage: ({ movedTo }) => notices.notify('app_settings_file_damaged', { movedTo }),
  })
  return new AppSettings({
    read: () => document.readSync().value,
    write: (data) => void document.writeSync(data),
  })
}
