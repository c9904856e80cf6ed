import { StoreDamage, checksum, verify } from './codec'
import type { Statements } from './statements'

interface TerminalName {
  no: number
  merchantNo: number
  serial: string
}

/**
 * Merchants and terminals are numbered once (a few rows), so every payment row and index holds a
 * one-byte number instead of a 36-character merchant id and a serial. All of them are held in
 * memory, checked against their checksums when the store opens.
 */
export class Names {
  private readonly merchantNos = new Map<string, number>()
  private readonly merchantIds = new Map<number, string>()
  private readonly terminalNos = new Map<string, number>()
  private readonly terminals = new Map<number, TerminalName>()

  constructor(private readonly statements: Statements) {
    this.reload()
  }

  /**
   * (Re)reads every name, e.g. after a rolled-back transaction added some; throws StoreDamage
   * when one does not match its checksum.
   */
  reload(): void {
    this.merchantNos.clear()
    this.merchantIds.clear()
    this.terminalNos.clear()
    this.terminals.clear()
    const db = this.statements
    for (const row of db.sql('SELECT no, id, checksum FROM merchants').all()) {
      const no = Number(row.no)
      const id = String(row.id)
      verify('merchants', no, [no, id], row.checksum)
      this.merchantNos.set(id, no)
      this.merchantIds.set(no, id)
    }
    for (const row of db.sql('SELECT no, merchant_no, serial, checksum FROM terminals').all()) {
      const terminal = {
        no: Number(row.no),
        merchantNo: Number(row.merchant_no),
        serial: String(row.serial),
      }
      verify(
        'terminals',
        terminal.no,
        [terminal.no, terminal.merchantNo, terminal.serial],
        row.checksum,
      )
      if (!this.merchantIds.has(terminal.merchantNo))
        throw new StoreDamage('a terminal names no merchant')
      this.terminals.set(terminal.no, terminal)
      this.terminalNos.set(key(terminal.merchantNo, terminal.serial), terminal.no)
    }
  }

  merchantNo(merchantId: string): number | undefined {
    return this.merchantNos.get(merchantId)
  }

  /** Numbers of every terminal with this serial (a serial may be listed by two merchants). */
  terminalNosBySerial(serial: string, merchantNo?: number): number[] {
    return [...this.terminals.values()]
      .filter(
        (t) => t.serial === serial && (merchantNo === undefined || t.merchantNo === merchantNo),
      )
      .map((t) => t.no)
  }

  merchantId(no: number): string {
    const id = this.merchantIds.get(no)
    if (id === undefined) throw new StoreDamage(`merchant number ${no} is unknown`)
    return id
  }

  serial(no: number): string {
    const terminal = this.terminals.get(no)
    if (terminal === undefined) throw new StoreDamage(`terminal number ${no} is unknown`)
    return terminal.serial
  }

  /** The numbers for a merchant and terminal, adding them when new (call inside a transaction). */
  numbersFor(merchantId: string, serial: string): { merchantNo: number; terminalNo: number } {
    let merchantNo = this.merchantNos.get(merchantId)
    if (merchantNo === undefined) {
      merchantNo = this.statements.nextNo('merchants')
      this.statements
        .sql('INSERT INTO merchants (no, id, checksum) VALUES (?, ?, ?)')
        .run(merchantNo, merchantId, checksum('merchants', [merchantNo, merchantId]))
      this.merchantNos.set(merchantId, merchantNo)
      this.merchantIds.set(merchantNo, merchantId)
    }
    let terminalNo = this.terminalNos.get(key(merchantNo, serial))
    if (terminalNo === undefined) {
      terminalNo = this.statements.nextNo('terminals')
      this.statements
        .sql('INSERT INTO terminals (no, merchant_no, serial, checksum) VALUES (?, ?, ?, ?)')
        .run(
          terminalNo,
          merchantNo,
          serial,
          checksum('terminals', [terminalNo, merchantNo, serial]),
        )
      this.terminals.set(terminalNo, { no: terminalNo, merchantNo, serial })
      this.terminalNos.set(key(merchantNo, serial), terminalNo)
    }
    return { merchantNo, terminalNo }
  }
}

const key = (merchantNo: number, serial: string): string => `${merchantNo}\u0000${serial}`
