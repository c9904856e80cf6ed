import type { SimContext } from './context'
import { POWER_OFF, releaseHeld } from './engine'
import type { SimTerminal } from './terminal'

/**
 * Switching a terminal off and on, and rebooting it. Off means not listening (1002 to every
 * request). An operation running at that moment stops where it is: if it had reached the
 * gateway its outcome stands and the result is posted, as recovered, once the terminal is back;
 * if not, the terminal never posts anything for it.
 */

/** Terminal milliseconds a reboot takes before the app listens again. */
export const REBOOT_MS = 20_000

/** Bumped by every switch, so a reboot's delayed "on" never overrides a later switch. */
const switches = new WeakMap<SimTerminal, number>()
const bump = (terminal: SimTerminal): number => {
  const next = (switches.get(terminal) ?? 0) + 1
  switches.set(terminal, next)
  return next
}

export function switchOff(terminal: SimTerminal): void {
  bump(terminal)
  terminal.powered = false
  terminal.active?.abort.abort(POWER_OFF)
  // The screen is gone at once; the operation's own loop finishes its bookkeeping after.
  terminal.active = undefined
}

export function switchOn(ctx: SimContext, terminal: SimTerminal): void {
  bump(terminal)
  terminal.powered = true
  if (terminal.listening(ctx.now())) releaseHeld(ctx, terminal)
}

/** Off now, on again after REBOOT_MS unless it was switched meanwhile. */
export function reboot(ctx: SimContext, terminal: SimTerminal): void {
  switchOff(terminal)
  const mine = switches.get(terminal)
  void ctx.scheduler.sleep(REBOOT_MS).then((waited) => {
    if (waited === 'elapsed' && switches.get(terminal) === mine) switchOn(ctx, terminal)
  })
}
