/**
 * Zod-free values of the terminals contract (the renderer imports these at run time; the schemas
 * in `terminals.contract.ts` stay in main and the preload's world).
 */

/**
 * What the board says about a terminal, built from what the terminal itself answered:
 * - `unchecked`: nothing heard yet (no check answered, no result seen).
 * - `online`: the last check or operation got through; ready for payments.
 * - `busy-here`: this checkout runs an operation on it.
 * - `busy-elsewhere`: Handpoint answered "busy" (1001) while this checkout ran nothing there:
 *   another checkout, a till or someone at the terminal is using it.
 * - `offline`: Handpoint answered "not listening" (1002): off, out of network or outside the
 *   Payments app.
 * - `virtual`: the merchant's virtual terminal for phone and mail orders; nothing to check.
 */
export const TERMINAL_HEALTH_STATES = [
  'unchecked',
  'online',
  'busy-here',
  'busy-elsewhere',
  'offline',
  'virtual',
] as const
export type TerminalHealthState = (typeof TERMINAL_HEALTH_STATES)[number]

/** Handpoint's type for the virtual terminal that takes a merchant's MOTO operations. */
export const VIRTUAL_TERMINAL_TYPE = 'VT'

export const isVirtualTerminal = (terminalType: string): boolean =>
  terminalType.trim().toUpperCase() === VIRTUAL_TERMINAL_TYPE

/** The device commands and the terminal app's locales: one table, in `src/shared/terminals`. */
export {
  TERMINAL_COMMANDS,
  TERMINAL_LOCALES,
  type TerminalCommandName,
  type TerminalCommandRequest,
  type TerminalLocale,
} from '../terminals/commands'
