/**
 * A terminal's battery, in thousandths of a percent so every step is an exact integer. It drains
 * a fixed amount per operation and charges with the simulator's clock (`now`) while on external
 * power, so a test with an injected clock gets exactly the same figures every run.
 */

import type { ExternalPower } from './types'

const FULL = 100_000
/** Charge per minute of `now` time: a USB cradle is slower than a mains adapter. */
const CHARGE_PER_MINUTE: Record<ExternalPower, number> = { USB: 1_000, AC: 2_000, None: 0 }
/** Drain per operation: a card or manual entry lights the screen and radio longest. */
export const DRAIN = { card: 1_000, other: 300, ping: 100 } as const

export class Battery {
  private milli: number
  private updatedAt: number

  constructor(
    percent: number,
    private power: ExternalPower,
    now: number,
  ) {
    this.milli = Battery.clamp(Math.round(percent * 1000))
    this.updatedAt = now
  }

  private static clamp(milli: number): number {
    return Math.min(FULL, Math.max(0, milli))
  }

  /** Brings the charge up to `now`. A clock that goes backwards charges nothing. */
  private settle(now: number): void {
    const rate = CHARGE_PER_MINUTE[this.power]
    if (rate === 0 || this.milli >= FULL || now < this.updatedAt) {
      this.updatedAt = Math.max(this.updatedAt, now)
      return
    }
    // Whole thousandths only; the remainder of the time is kept for the next look, so frequent
    // looks charge exactly as fast as rare ones.
    const msPerMilli = 60_000 / rate
    const gained = Math.floor((now - this.updatedAt) / msPerMilli)
    this.milli = Battery.clamp(this.milli + gained)
    this.updatedAt = this.milli >= FULL ? now : this.updatedAt + gained * msPerMilli
  }

  /** Whole percent, rounded down (what `batteryStatus` shows). */
  percent(now: number): number {
    this.settle(now)
    return Math.floor(this.milli / 1000)
  }

  externalPower(): ExternalPower {
    return this.power
  }

  drain(milli: number, now: number): void {
    this.settle(now)
    this.milli = Battery.clamp(this.milli - milli)
  }

  set(state: { percent?: number; externalPower?: ExternalPower }, now: number): void {
    this.settle(now)
    if (state.percent !== undefined) this.milli = Battery.clamp(Math.round(state.percent * 1000))
    if (state.externalPower !== undefined) this.power = state.externalPower
  }

  /** An empty battery without power switches the terminal off. */
  dead(now: number): boolean {
    return this.percent(now) === 0 && this.power === 'None'
  }

  /** The battery fields of `deviceStatus` (all strings, like the terminal app sends them). */
  status(now: number): {
    batteryStatus: string
    batterymV: string
    batteryCharging: string
    externalPower: string
  } {
    const percent = this.percent(now)
    const charging =
      this.power === 'None' ? 'Not Charging' : this.milli >= FULL ? 'Full' : 'Charging'
    return {
      batteryStatus: String(percent),
      // A Li-ion cell between 3.4 V (empty) and 4.2 V (full), linear is close enough here.
      batterymV: String(3400 + Math.floor((this.milli * 800) / FULL)),
      batteryCharging: charging,
      externalPower: this.power,
    }
  }
}
