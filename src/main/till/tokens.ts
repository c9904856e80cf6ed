import { createHash, randomBytes, randomUUID } from 'node:crypto'
import type { TokenRow } from './link-file'
import type { TillCaller } from './session'

export interface TokenView {
  id: string
  name: string
  merchantId: string
  createdAt: number
  lastUsedAt?: number
}

const hashOf = (token: string): string => createHash('sha256').update(token, 'utf8').digest('hex')

/**
 * Till tokens: 256 random bits, shown once at creation and kept only as a SHA-256 hash (a
 * high-entropy secret needs no slow hash). Each belongs to one merchant. Revoking takes effect
 * on the next request; `onRevoke` ends what the till has open right away.
 */
export class TillTokens {
  private readonly byHash = new Map<string, TokenRow>()

  constructor(
    rows: TokenRow[],
    private readonly now: () => number = Date.now,
  ) {
    for (const row of rows) this.byHash.set(row.hash, { ...row })
  }

  /** Makes a token; the clear token is returned here and nowhere else. */
  create(name: string, merchantId: string): { token: string; row: TokenRow } {
    const token = `ptl_${randomBytes(32).toString('base64url')}`
    const row: TokenRow = {
      id: randomUUID(),
      name: name.trim(),
      merchantId,
      hash: hashOf(token),
      createdAt: this.now(),
    }
    this.byHash.set(row.hash, row)
    return { token, row: { ...row } }
  }

  /** The caller a token stands for (and notes its use), or undefined. */
  authenticate(token: string): TillCaller | undefined {
    const row = this.byHash.get(hashOf(token))
    if (!row) return undefined
    row.lastUsedAt = this.now()
    return { tillId: row.id, tillName: row.name, merchantId: row.merchantId }
  }

  /** Removes a token; false when there was none with that id. */
  revoke(id: string): boolean {
    for (const [hash, row] of this.byHash) {
      if (row.id === id) {
        this.byHash.delete(hash)
        return true
      }
    }
    return false
  }

  views(): TokenView[] {
    return [...this.byHash.values()]
      .sort((a, b) => a.createdAt - b.createdAt)
      .map(({ hash: _hash, ...view }) => view)
  }

  rows(): TokenRow[] {
    return [...this.byHash.values()].map((row) => ({ ...row }))
  }

  get size(): number {
    return this.byHash.size
  }
}
