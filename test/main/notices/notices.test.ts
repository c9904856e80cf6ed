import { describe, expect, it } from 'vitest'
import type { AppNotice } from '@shared/contract'
import { NoticeBoard, writtenNotices } from '../../../src/main/notices/notices'

describe('NoticeBoard', () => {
  it('keeps notices raised before anyone listens, and pushes the later ones', () => {
    let now = 1_000
    const board = new NoticeBoard({ now: () => now })
    const early = board.notify(
      'merchants_file_damaged',
      { movedTo: '/d/m.json.corrupt-1' },
      'error',
    )
    expect(early).toEqual({
      id: expect.any(String),
      code: 'merchants_file_damaged',
      params: { movedTo: '/d/m.json.corrupt-1' },
      level: 'error',
      at: 1_000,
    })
    const pushed: AppNotice[] = []
    board.onNotice((n) => pushed.push(n))
    now = 2_000
    const late = board.notify('print_settings_file_damaged', { movedTo: '/d/s.json.corrupt-2' })
    expect(pushed).toEqual([late])
    expect(late.level).toBe('warning')
    expect(board.list()).toEqual([early, late])
  })

  it('does not repeat a notice that is still shown, and forgets a dismissed one', () => {
    const board = new NoticeBoard()
    const first = board.notify('receipt_record_damaged', { paymentId: 'p1', movedTo: '/x' })
    expect(board.notify('receipt_record_damaged', { paymentId: 'p1', movedTo: '/x' })).toBe(first)
    board.notify('receipt_record_damaged', { paymentId: 'p2', movedTo: '/y' })
    expect(board.list()).toHaveLength(2)
    expect(board.dismiss(first.id)).toBe(true)
    expect(board.dismiss(first.id)).toBe(false)
    expect(board.list().map((n) => n.params?.['paymentId'])).toEqual(['p2'])
  })

  it('keeps the newest notices when there are too many', () => {
    const board = new NoticeBoard({ limit: 2 })
    for (const id of ['a', 'b', 'c'])
      board.notify('receipt_record_damaged', { paymentId: id, movedTo: '/m' })
    expect(board.list().map((n) => n.params?.['paymentId'])).toEqual(['b', 'c'])
  })
})

describe('writtenNotices (CLI)', () => {
  it('writes each notice as one English line', () => {
    const lines: string[] = []
    writtenNotices((l) => lines.push(l)).notify('app_settings_file_damaged', { movedTo: '/d/a' })
    expect(lines).toEqual([
      'Warning: The checkout settings file was damaged, so it was moved aside to /d/a and the ' +
        'default settings apply. Set them again in the Checkout menu.\n',
    ])
  })
})
