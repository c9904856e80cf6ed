import { describe, expect, it } from 'vitest'
import { TerminalLocks } from '../../../src/main/payments/terminal-locks'

describe('terminal locks', () => {
  it('lets one operation take a terminal, refuses a second with the holder, and frees it only for its holder', () => {
    const locks = new TerminalLocks()
    expect(locks.acquire('m1', 'T1', 'a')).toBeUndefined()
    expect(locks.acquire('m1', 'T1', 'b')).toBe('a')
    expect(locks.acquire('m1', 'T2', 'b')).toBeUndefined()
    expect(locks.acquire('m2', 'T1', 'c')).toBeUndefined()
    locks.release('m1', 'T1', 'b')
    expect(locks.holder('m1', 'T1')).toBe('a')
    locks.release('m1', 'T1', 'a')
    expect(locks.holder('m1', 'T1')).toBeUndefined()
  })

  it('keeps a terminal busy while any operation recovery found on it is unfinished', () => {
    const locks = new TerminalLocks()
    locks.acquire('m1', 'T1', 'old', true)
    locks.acquire('m1', 'T1', 'older', true)
    expect(locks.acquire('m1', 'T1', 'new')).toBe('old')
    locks.release('m1', 'T1', 'old')
    expect(locks.acquire('m1', 'T1', 'new')).toBe('older')
    locks.release('m1', 'T1', 'older')
    expect(locks.acquire('m1', 'T1', 'new')).toBeUndefined()
  })
})
