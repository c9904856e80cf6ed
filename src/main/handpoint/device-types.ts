import type { TerminalDeviceReport } from '@shared/contract/terminals.contract'
import type { TerminalCommandName, TerminalLocale, TerminalWireCommand } from '@shared/terminals'
import type { TerminalRef } from './batch-types'
import type { Accepted } from './types'

/**
 * Terminal health and the terminal commands (REST 2.20+). Handpoint has no device-status
 * endpoint: health comes from `deviceStatus` on results, from `pingDevice`, and from the
 * 1001 (busy) and 1002 (not listening) answers that any call can get.
 */

/** `deviceStatus` of a TransactionResult as sent: every value a string. */
export interface DeviceStatus {
  serialNumber?: string
  /** Battery percent, "80". */
  batteryStatus?: string
  batterymV?: string
  /** "Charging" | "Not Charging" | "Full". */
  batteryCharging?: string
  /** "USB" | "AC" | "None" | "Unknown". */
  externalPower?: string
  applicationName?: string
  applicationVersion?: string
  bluetoothName?: string
  statusMessage?: string
  [field: string]: string | undefined
}

/** What a terminal told us about itself (the fields the board shows, from the shared contract),
 * plus what only the client reads. */
export interface DeviceHealth extends TerminalDeviceReport {
  serialNumber?: string
  batteryMillivolts?: number
}

/** A device command and its body, as `POST /devices/{type}/{serial}/{command}` takes it: the
 * names, values and ranges come from the shared table (`@shared/terminals`). */
export type TerminalCommand = TerminalWireCommand
export type { TerminalCommandName, TerminalLocale }

/**
 * Handpoint's 202: the command was handed to the terminal. Never "applied": Handpoint gives no
 * read-back, and a terminal outside Integrated Mode may answer 202 and ignore it.
 */
export interface CommandSent {
  command: TerminalCommandName
  outcome: 'sent'
}

export interface DeviceApi {
  /**
   * POST /transactions `pingDevice` (polling mode). 202 means the terminal is listening; the
   * result (read it with `getTransactionResult`, then `readDeviceHealth`) carries the device
   * info. 1001 = busy (here or with another client), 1002 = not listening.
   */
  pingDevice(terminal: TerminalRef, options?: { returnDeviceInfo?: boolean }): Promise<Accepted>
  /** Any device command; the named methods below are shorthands. Checked before sending. */
  sendTerminalCommand(terminal: TerminalRef, command: TerminalCommand): Promise<CommandSent>
  setUnattendedMode(terminal: TerminalRef, on: boolean): Promise<CommandSent>
  setLocale(terminal: TerminalRef, locale: TerminalLocale): Promise<CommandSent>
  setPasswordProtected(terminal: TerminalRef, on: boolean): Promise<CommandSent>
  /** `force: true` reboots even in the middle of a payment. */
  reboot(terminal: TerminalRef, options: { force: boolean }): Promise<CommandSent>
  /** Levels 0-100, minimum <= maximum. */
  setScreenBrightness(
    terminal: TerminalRef,
    levels: { minimum: number; maximum: number },
  ): Promise<CommandSent>
  /** Daily reboot at a random minute of this hour (0-23); production devices only. */
  setRebootTime(terminal: TerminalRef, hour: number): Promise<CommandSent>
}
