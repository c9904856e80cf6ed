import type { DeviceHealth } from './device-types'
import { replaceControlChars } from './text'

/**
 * Reads what a terminal says about itself into `DeviceHealth`. The documented source is the
 * `deviceStatus` of every TransactionResult (all strings). `pingDevice` with
 * `returnDeviceInfo` adds app, SDK and firmware versions and battery data in a shape Handpoint
 * never documented, so this reads tolerantly: `deviceStatus`, `deviceInfo` (any casing or
 * separator) and an object-valued `customData`, one level of nesting flattened, keys compared
 * without case or punctuation. What cannot be read is left out; nothing here throws.
 */

type Scalar = string | number | boolean

const CONTAINERS = ['devicestatus', 'deviceinfo', 'deviceinformation', 'customdata']
const MAX_TEXT = 64

/** Normalised key -> the health field it feeds. */
const ALIAS_TABLE: Record<string, keyof DeviceHealth> = {
  serialnumber: 'serialNumber',
  batterystatus: 'batteryPercent',
  batterylevel: 'batteryPercent',
  batterypercent: 'batteryPercent',
  batterypercentage: 'batteryPercent',
  battery: 'batteryPercent',
  batterymv: 'batteryMillivolts',
  batterymillivolts: 'batteryMillivolts',
  batteryvoltage: 'batteryMillivolts',
  batterycharging: 'charging',
  charging: 'charging',
  batterychargingstatus: 'charging',
  externalpower: 'externalPower',
  powersource: 'externalPower',
  applicationname: 'appName',
  appname: 'appName',
  applicationversion: 'appVersion',
  appversion: 'appVersion',
  sdkversion: 'sdkVersion',
  firmwareversion: 'firmwareVersion',
  firmware: 'firmwareVersion',
}
/** A Map, so keys such as "constructor" never find something on a prototype. */
const ALIASES = new Map(Object.entries(ALIAS_TABLE))

const normalise = (key: string): string => key.toLowerCase().replace(/[^a-z0-9]/g, '')

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

/** `{battery: {level: 80}}` -> `batterylevel: 80`; deeper levels are ignored. */
function flatten(record: Record<string, unknown>, into: Map<string, Scalar>, prefix = ''): void {
  for (const [key, value] of Object.entries(record)) {
    const name = prefix + normalise(key)
    if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') {
      if (!into.has(name)) into.set(name, value)
    } else if (isRecord(value) && prefix === '') {
      flatten(value, into, name)
    }
  }
}

function containersOf(source: unknown): Record<string, unknown>[] {
  if (!isRecord(source)) return []
  const found: Record<string, unknown>[] = []
  for (const [key, value] of Object.entries(source)) {
    if (!CONTAINERS.includes(normalise(key))) continue
    if (isRecord(value)) found.push(value)
    else if (typeof value === 'string' && value.trim().startsWith('{')) {
      try {
        const parsed: unknown = JSON.parse(value)
        if (isRecord(parsed)) found.push(parsed)
      } catch {
        // customData is free text for most results: not device info.
      }
    }
  }
  // A DeviceStatus object handed over directly.
  if (found.length === 0 && Object.keys(source).some((k) => ALIASES.has(normalise(k)))) {
    found.push(source)
  }
  return found
}

function text(value: Scalar): string | undefined {
  const out = replaceControlChars(String(value)).trim().slice(0, MAX_TEXT)
  return out === '' ? undefined : out
}

function wholeNumber(value: Scalar, max: number): number | undefined {
  const digits = typeof value === 'number' ? String(value) : String(value).trim().replace(/%$/, '')
  if (!/^\d{1,6}(\.\d+)?$/.test(digits)) return undefined
  const number = Math.round(Number(digits))
  return number <= max ? number : undefined
}

function applyCharging(health: DeviceHealth, value: Scalar): void {
  if (typeof value === 'boolean') {
    health.charging = value
    return
  }
  const word = String(value).trim().toLowerCase()
  if (word === 'full') {
    health.charging = false
    health.batteryFull = true
  } else if (word === 'charging' || word === 'true') health.charging = true
  else if (/^(not ?charging|discharging|false)$/.test(word)) health.charging = false
}

function applyPower(health: DeviceHealth, value: Scalar): void {
  if (typeof value === 'boolean') {
    health.onExternalPower = value
    return
  }
  const power = text(value)?.toUpperCase()
  if (!power) return
  health.externalPower = power
  if (power === 'NONE' || power === 'BATTERY') health.onExternalPower = false
  else if (power !== 'UNKNOWN') health.onExternalPower = true
}

/** Typed health from a TransactionResult (or a bare deviceStatus); undefined when none. */
export function readDeviceHealth(source: unknown): DeviceHealth | undefined {
  const values = new Map<string, Scalar>()
  for (const container of containersOf(source)) flatten(container, values)
  const health: DeviceHealth = {}
  for (const [key, value] of values) {
    const field = ALIASES.get(key)
    if (field === undefined || field in health) continue
    if (field === 'batteryPercent') {
      const percent = wholeNumber(value, 100)
      if (percent !== undefined) health.batteryPercent = percent
    } else if (field === 'batteryMillivolts') {
      const mv = wholeNumber(value, 100_000)
      if (mv !== undefined) health.batteryMillivolts = mv
    } else if (field === 'charging') applyCharging(health, value)
    else if (field === 'externalPower') applyPower(health, value)
    else if (field !== 'batteryFull' && field !== 'onExternalPower') {
      const value_ = text(value)
      if (value_ !== undefined) health[field] = value_
    }
  }
  return Object.keys(health).length > 0 ? health : undefined
}
