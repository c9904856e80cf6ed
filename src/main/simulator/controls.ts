import type { BatchEntry } from './batches'
import { DRAIN } from './battery'
import type { SimContext } from './context'
import { isSupportedCurrency } from './currencies'
import { releaseHeld } from './engine'
import { uuidV1Like } from './ids'
import { switchOff, switchOn } from './power'
import type { SimTerminal } from './terminal'
import type { SimBatchLine, Simulator, SimTerminalState } from './types'

/**
 * The switches tests and trainers flip: behaviour, power, busy with another client, battery,
 * Integrated Mode, the acquirer's batch support, a payment taken on the terminal itself, a line
 * dropped from a batch. Each throws a plain Error (a sentence) for an unknown terminal or value;
 * the HTTP control routes turn those into 400s.
 */

export type Controls = Pick<
  Simulator,
  | 'setBehaviour'
  | 'terminalPhase'
  | 'setPower'
  | 'setBusyElsewhere'
  | 'setBattery'
  | 'setIntegratedMode'
  | 'setBatchSupport'
  | 'takeStandalonePayment'
  | 'dropFromBatch'
  | 'terminalState'
  | 'commandsReceived'
>

const lineOf = (entry: BatchEntry): SimBatchLine => ({
  transactionID: entry.transactionID,
  transactionType: entry.transactionType,
  ...(entry.rrn ? { rrn: entry.rrn } : {}),
  amountMinor: entry.amountMinor,
  currency: entry.currency,
  origin: entry.origin,
})

export function stateOf(ctx: SimContext, terminal: SimTerminal): SimTerminalState {
  const now = ctx.now()
  const battery = terminal.battery.status(now)
  return {
    serialNumber: terminal.serialNumber,
    terminalType: terminal.terminalType,
    behaviour: terminal.behaviour,
    powered: terminal.powered,
    listening: terminal.listening(now),
    busy: terminal.active ? 'here' : terminal.busyElsewhere ? 'elsewhere' : null,
    battery: {
      percent: terminal.battery.percent(now),
      externalPower: terminal.battery.externalPower(),
      charging: battery.batteryCharging,
    },
    integratedMode: terminal.integratedMode,
    settings: { ...terminal.settings },
    openBatch: { number: terminal.book.open.number, lines: terminal.book.open.entries.map(lineOf) },
    closedBatches: terminal.book.closed.map((batch) => ({
      number: batch.number,
      closedAt: batch.closed?.closedAt ?? 0,
      lines: batch.entries.map(lineOf),
    })),
  }
}

export function createControls(ctx: SimContext): Controls {
  const terminalOf = (serialNumber: string): SimTerminal => {
    const terminal = ctx.terminals.get(serialNumber)
    if (!terminal) throw new Error(`No simulated terminal has serial number ${serialNumber}.`)
    return terminal
  }
  return {
    setBehaviour(serialNumber, behaviour) {
      const terminal = terminalOf(serialNumber)
      terminal.behaviour = behaviour
      if (terminal.listening(ctx.now())) releaseHeld(ctx, terminal)
    },
    terminalPhase: (serialNumber) => ctx.terminals.get(serialNumber)?.active?.phase,
    setPower(serialNumber, on) {
      const terminal = terminalOf(serialNumber)
      if (on) switchOn(ctx, terminal)
      else switchOff(terminal)
    },
    setBusyElsewhere(serialNumber, busy) {
      terminalOf(serialNumber).busyElsewhere = busy
    },
    setBattery(serialNumber, state) {
      const terminal = terminalOf(serialNumber)
      const { percent, externalPower } = state
      if (percent !== undefined && !(Number.isFinite(percent) && percent >= 0 && percent <= 100))
        throw new Error('The battery percent must be a number from 0 to 100.')
      if (externalPower !== undefined && !['USB', 'AC', 'None'].includes(externalPower))
        throw new Error('External power must be USB, AC or None.')
      terminal.battery.set(state, ctx.now())
      // Plugging a dead terminal in brings it back.
      if (terminal.listening(ctx.now())) releaseHeld(ctx, terminal)
    },
    setIntegratedMode(serialNumber, on) {
      terminalOf(serialNumber).integratedMode = on
    },
    setBatchSupport(merchantIdAlpha, support) {
      const merchant = [...ctx.merchantsByKey.values()].find(
        (m) => m.merchantIdAlpha === merchantIdAlpha,
      )
      if (!merchant) throw new Error(`No simulated merchant is called ${merchantIdAlpha}.`)
      if (!['supported', 'batch-number-required', 'unsupported'].includes(support))
        throw new Error('Batch support must be supported, batch-number-required or unsupported.')
      merchant.batchSupport = support
    },
    takeStandalonePayment(serialNumber, payment) {
      const terminal = terminalOf(serialNumber)
      const now = ctx.now()
      if (!terminal.listening(now))
        throw new Error(`Terminal ${serialNumber} is not on: switch it on to take a payment.`)
      if (!Number.isSafeInteger(payment.amountMinor) || payment.amountMinor <= 0)
        throw new Error('The amount must be a whole number of minor units above zero.')
      if (!isSupportedCurrency(payment.currency))
        throw new Error(`${String(payment.currency)} is not a currency Handpoint accepts.`)
      if (payment.type !== undefined && payment.type !== 'SALE' && payment.type !== 'REFUND')
        throw new Error('A standalone payment is a SALE or a REFUND.')
      terminal.battery.drain(DRAIN.card, now)
      const entry: BatchEntry = {
        transactionID: uuidV1Like(now, ctx.rng),
        transactionType: payment.type ?? 'SALE',
        rrn: String(ctx.rng.int(1e12)).padStart(13, '0'),
        amountMinor: payment.amountMinor,
        currency: payment.currency,
        batchDetailElementGuid: uuidV1Like(now, ctx.rng),
        origin: 'STANDALONE',
      }
      terminal.book.open.entries.push(entry)
      return {
        transactionID: entry.transactionID,
        rrn: entry.rrn!,
        batchNumber: String(terminal.book.open.number),
      }
    },
    dropFromBatch(serialNumber, match) {
      const terminal = terminalOf(serialNumber)
      const entry = terminal.book.open.entries.find(
        (e) =>
          (match.transactionID !== undefined && e.transactionID === match.transactionID) ||
          (match.rrn !== undefined && e.rrn === match.rrn),
      )
      return entry ? terminal.book.remove(entry) : false
    },
    terminalState: (serialNumber) => stateOf(ctx, terminalOf(serialNumber)),
    commandsReceived: (serialNumber) =>
      terminalOf(serialNumber).commands.map((c) => ({ ...c, body: { ...c.body } })),
  }
}
