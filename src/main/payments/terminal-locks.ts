/**
 * One operation at a time per terminal (a money rule: a second request would meet a terminal
 * busy with the first, or worse, be taken for it). This is the only place a terminal is taken
 * or freed. A terminal is held by the unfinished operations on it: normally one; after a
 * restart, recovery may find two (an older version's, or a linked operation left to the
 * operator), and the terminal stays busy until both are done.
 */
export class TerminalLocks {
  private readonly held = new Map<string, Set<string>>()

  /**
   * Takes the terminal for `paymentId`. Returns undefined when taken, or the id of an operation
   * holding it (and takes nothing). With `join`, the operation holds it beside any other
   * (recovery and resolve: the operation exists already; it must hold its terminal).
   */
  acquire(merchantId: string, serial: string, paymentId: string, join = false): string | undefined {
    const key = terminalKey(merchantId, serial)
    const holders = this.held.get(key) ?? new Set<string>()
    const other = [...holders].find((id) => id !== paymentId)
    if (other !== undefined && !join) return other
    holders.add(paymentId)
    this.held.set(key, holders)
    return undefined
  }

  /** Frees the terminal of `paymentId` (the others holding it keep it). */
  release(merchantId: string, serial: string, paymentId: string): void {
    const key = terminalKey(merchantId, serial)
    const holders = this.held.get(key)
    holders?.delete(paymentId)
    if (holders?.size === 0) this.held.delete(key)
  }

  /** The operation on this terminal (the oldest, if two), or undefined when it is free. */
  holder(merchantId: string, serial: string): string | undefined {
    return this.held.get(terminalKey(merchantId, serial))?.values().next().value
  }
}

const terminalKey = (merchantId: string, serial: string): string => `${merchantId}\u0000${serial}`
